/**
 * The extension host's responsiveness as a signal the e2e driver can assert on, instead of a wall-clock
 * time: perf_hooks' event-loop delay histogram runs from the harness's activation, and the command
 * "Test Harness: Write Event Loop Delay" writes the longest block since the previous write (then
 * starts a new interval). The harness runs in the same extension host as AgentCost, so any work
 * AgentCost does on that thread shows up here.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';

export const LOOP_DELAY_COMMAND = 'agentcostHarness.writeEventLoopDelay';

/** What the file holds (the e2e driver reads it: test/e2e/lib/loop-delay.ts). */
export interface LoopDelayReport {
  /** Increments at each write, so the driver can tell a new report from the last one. */
  seq: number;
  pid: number;
  since: string;
  at: string;
  /** The longest event-loop block in the interval, ms (null: no sample taken). */
  maxMs: number | null;
  p99Ms: number | null;
  meanMs: number | null;
  samples: number;
}

export function startLoopDelay(file: string, context: vscode.ExtensionContext): void {
  // 20 ms resolution: fine enough for a 2 s bound, cheap enough to leave on for the whole run
  const h = monitorEventLoopDelay({ resolution: 20 });
  h.enable();
  let seq = 0;
  let since = new Date().toISOString();
  const ms = (ns: number): number | null => (h.count > 0 && Number.isFinite(ns) ? ns / 1e6 : null);
  const write = (): LoopDelayReport => {
    const at = new Date().toISOString();
    const report: LoopDelayReport = { seq: ++seq, pid: process.pid, since, at, maxMs: ms(h.max), p99Ms: ms(h.percentile(99)), meanMs: ms(h.mean), samples: h.count };
    writeFileSync(`${file}.tmp`, JSON.stringify(report, null, 2));
    renameSync(`${file}.tmp`, file);
    h.reset();
    since = at;
    return report;
  };
  context.subscriptions.push(vscode.commands.registerCommand(LOOP_DELAY_COMMAND, write), { dispose: () => h.disable() });
}
