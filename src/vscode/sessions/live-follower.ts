/**
 * Follows one session file as the agent writes it: a file-system watcher on the file plus a poll
 * (watchers miss changes on some network and remote file systems), both feeding the incremental
 * reader, paced by `UpdateThrottle` (a reported change within a quarter second, a poll once a
 * second); off the typing path (timers only).
 */
import * as vscode from 'vscode';
import { basename, dirname } from 'node:path';
import type { AgentId } from '../../core/discovery';
import type { AnalyzeOptions, FileAnalysis } from '../../core/inference/analyze';
import type { RatioBand } from '../../core/perf/uncertainty';
import { LiveAnalysis } from '../../core/traces/incremental/live-analysis';
import { CommandId } from '../../shared/commands';
import { liveStatusText, liveSummary } from './live-summary';
import { UpdateThrottle } from './update-throttle';

const POLL_MS = 1000;

export class LiveFollower implements vscode.Disposable {
  private readonly live: LiveAnalysis;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly throttle = new UpdateThrottle(() => this.run());
  private disposed = false;

  constructor(
    readonly path: string,
    private readonly agent: AgentId,
    private readonly opts: AnalyzeOptions,
    /** The self-host rates' throughput band (`ratesBand`): "≈" and the ranges; null: none. */
    private readonly band: RatioBand | null,
    private readonly item: vscode.StatusBarItem,
    private readonly log: vscode.LogOutputChannel,
    private readonly onUpdate: (analysis: FileAnalysis) => void,
  ) {
    this.live = new LiveAnalysis(path, opts);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(path)), basename(path)));
    this.disposables.push(watcher, watcher.onDidChange(() => this.schedule(true)), watcher.onDidCreate(() => this.schedule(true)));
    const poll = setInterval(() => this.schedule(), POLL_MS);
    this.disposables.push({ dispose: () => clearInterval(poll) });
    this.item.command = { title: 'Open in Cost Panel', command: CommandId.analyzeCurrentTraceFile, arguments: [vscode.Uri.file(path)] };
    this.schedule();
  }

  /** Reads the file again, as soon as the throttle allows (`changed`: the watcher reported a change). */
  schedule(changed = false): void {
    if (!this.disposed) this.throttle.schedule(changed);
  }

  private async run(): Promise<void> {
    try {
      const u = await this.live.update();
      if (this.disposed) return;
      // recomputed on every poll, not only on appends: the burn-rate windows move with the clock
      const s = liveSummary(this.agent, u.analysis, u.parsed, this.opts.priceOf, this.opts.selfHost, this.band, Date.now());
      const { text, tooltip } = liveStatusText(s);
      if (text !== this.item.text) this.item.text = text;
      if (tooltip !== this.item.tooltip) this.item.tooltip = tooltip;
      this.item.show();
      if (u.changed) this.onUpdate(u.analysis);
    } catch (e) {
      this.log.warn(`live session ${this.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.throttle.stop();
    for (const d of this.disposables) d.dispose();
    this.item.hide();
  }
}
