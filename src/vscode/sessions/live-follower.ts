/**
 * Follows one session file as the agent writes it: a file-system watcher on the file plus a poll
 * (watchers miss changes on some network and remote file systems), both feeding the incremental
 * reader; the status bar item is updated at most once a second, off the typing path (timers only).
 */
import * as vscode from 'vscode';
import { basename, dirname } from 'node:path';
import type { AgentId } from '../../core/discovery';
import type { AnalyzeOptions, FileAnalysis } from '../../core/inference/analyze';
import type { RatioBand } from '../../core/perf/uncertainty';
import { LiveAnalysis } from '../../core/traces/incremental/live-analysis';
import { CommandId } from '../../shared/commands';
import { liveStatusText, liveSummary } from './live-summary';

const MIN_INTERVAL_MS = 1000;
const POLL_MS = 1000;

export class LiveFollower implements vscode.Disposable {
  private readonly live: LiveAnalysis;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private again = false;
  private lastRun = 0;
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
    this.disposables.push(watcher, watcher.onDidChange(() => this.schedule()), watcher.onDidCreate(() => this.schedule()));
    const poll = setInterval(() => this.schedule(), POLL_MS);
    this.disposables.push({ dispose: () => clearInterval(poll) });
    this.item.command = { title: 'Open in Cost Panel', command: CommandId.analyzeCurrentTraceFile, arguments: [vscode.Uri.file(path)] };
    this.schedule();
  }

  /** Runs an update now, or as soon as a second has passed since the last one. */
  schedule(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.lastRun + MIN_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, wait);
  }

  private async run(): Promise<void> {
    this.running = true;
    this.lastRun = Date.now();
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
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.item.hide();
  }
}
