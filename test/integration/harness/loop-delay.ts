/**
 * The extension host's responsiveness as a signal the e2e driver can assert on, instead of a wall-clock
 * time: perf_hooks' event-loop delay histogram runs from the harness's activation, and the command
 * "Test Harness: Write Event Loop Delay" writes the longest block since the previous write (then
 * starts a new interval). The harness runs in the same extension host as AgentCost, so any work
 * AgentCost does on that thread shows up here.
 *
 * A wall-clock delay also grows when a busy machine simply gives the process no CPU (a 2 s block was
 * seen during plain startup at load average 10 on 2 cores), so the report also gives the longest
 * burst of CPU time the host's main thread spent between two ticks of a 20 ms timer, read from
 * /proc/self/task/<pid>/stat (Linux, where the real-editor tests run): work done on the thread,
 * whatever the load. That is the figure a test can bound without being flaky.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
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
  /** The most CPU time (ms) the main thread used between two 20 ms timer ticks; null where /proc is not readable. */
  maxCpuBurstMs: number | null;
}

const TICK_MS = 1000 / 100; // USER_HZ: /proc reports CPU time in 10 ms clock ticks on Linux

/** The main thread's CPU time so far (utime + stime, fields 14 and 15 of its stat line), ms; null off Linux. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

export function startLoopDelay(file: string, context: vscode.ExtensionContext): void {
  // 20 ms resolution: fine enough for a 2 s bound, cheap enough to leave on for the whole run
  const h = monitorEventLoopDelay({ resolution: 20 });
  h.enable();
  let seq = 0;
  let since = new Date().toISOString();
  const ms = (ns: number): number | null => (h.count > 0 && Number.isFinite(ns) ? ns / 1e6 : null);
  let lastCpu = mainThreadCpuMs();
  let maxBurst: number | null = lastCpu === null ? null : 0;
  const tick = setInterval(() => {
    const cpu = mainThreadCpuMs();
    if (cpu !== null && lastCpu !== null) maxBurst = Math.max(maxBurst ?? 0, cpu - lastCpu);
    lastCpu = cpu;
  }, 20);
  const write = (): LoopDelayReport => {
    const at = new Date().toISOString();
    // the CPU spent since the last tick belongs to this interval too
    const cpu = mainThreadCpuMs();
    if (cpu !== null && lastCpu !== null) maxBurst = Math.max(maxBurst ?? 0, cpu - lastCpu);
    lastCpu = cpu;
    const report: LoopDelayReport = { seq: ++seq, pid: process.pid, since, at, maxMs: ms(h.max), p99Ms: ms(h.percentile(99)), meanMs: ms(h.mean), samples: h.count, maxCpuBurstMs: maxBurst };
    maxBurst = lastCpu === null ? null : 0;
    writeFileSync(`${file}.tmp`, JSON.stringify(report, null, 2));
    renameSync(`${file}.tmp`, file);
    h.reset();
    since = at;
    return report;
  };
  context.subscriptions.push(vscode.commands.registerCommand(LOOP_DELAY_COMMAND, write), { dispose: () => (h.disable(), clearInterval(tick)) });
}
