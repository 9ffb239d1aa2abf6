/**
 * Agent sessions of the open workspace: discovered in each agent's storage (trusted workspaces
 * only, agentcost.discovery.*), each analyzed for the Agent Traces view, and the one written most
 * recently followed live in the status bar. Discovery runs again on settings, trust and folder
 * changes and once a minute.
 */
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { stat } from 'node:fs/promises';
import { discoverSessions, type DiscoveredSession } from '../../core/discovery';
import type { FileAnalysis } from '../../core/inference/analyze';
import type { ConfigStore } from '../config';
import type { TraceStore } from '../stores/traces';
import { LiveFollower } from './live-follower';
import type { SessionRow, SessionsState } from './nodes';
import { discoveryOptions } from './options';

const REDISCOVER_MS = 60_000;
/** A session written to within this long is "running now". */
const LIVE_WITHIN_MS = 60 * 60_000;
/** The formats read incrementally (core/traces/incremental). */
const LIVE_AGENTS = new Set(['claude-code', 'codex']);

export class SessionsController implements vscode.Disposable {
  private current: SessionsState = { kind: 'searching' };
  private readonly item: vscode.StatusBarItem;
  private follower: LiveFollower | null = null;
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  /** The session list changed (the view refreshes). */
  readonly onDidChange = this.changed.event;
  private readonly updated = new vscode.EventEmitter<FileAnalysis>();
  /** The followed session file grew: its analysis now (what analyzeFile gives for the file). */
  readonly onDidUpdateLive = this.updated.event;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly config: ConfigStore,
    private readonly traces: TraceStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.item = vscode.window.createStatusBarItem('agentcost.liveSession', vscode.StatusBarAlignment.Right, 99);
    this.item.name = 'AgentCost live session';
    this.timer = setInterval(() => void this.refresh(), REDISCOVER_MS);
    void this.refresh();
  }

  get state(): SessionsState {
    return this.current;
  }

  private set(state: SessionsState): void {
    this.current = state;
    this.changed.fire();
  }

  /** Discovers again (settings, trust or folders changed, or the minute passed). */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const c = this.config.config;
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    if (!c.discoveryEnabled) return this.stop({ kind: 'disabled' });
    if (!vscode.workspace.isTrusted) return this.stop({ kind: 'untrusted' });
    if (folders.length === 0) return this.stop({ kind: 'no-folder' });
    const editorUserDir = dirname(dirname(this.context.globalStorageUri.fsPath));
    const opts = discoveryOptions(c, { home: homedir(), env: process.env, platform: process.platform }, editorUserDir);
    const found = new Map<string, DiscoveredSession>();
    const notes: string[] = [];
    for (const folder of folders) {
      const r = await discoverSessions(folder, opts);
      for (const s of r.sessions) found.set(s.path, s);
      notes.push(...r.notes.filter((n) => !notes.includes(n)));
    }
    const rows: SessionRow[] = [];
    const kept = new Map<string, { key: string; analysis: FileAnalysis | null }>();
    for (const session of found.values()) {
      // the view's own cache: a workspace can have hundreds of sessions, more than the trace store keeps
      const info = await stat(session.path).catch(() => null);
      const key = `${info?.size}|${info?.mtimeMs}|${this.config.generation}`;
      const hit = this.analyses.get(session.path);
      const analysis = hit?.key === key ? hit.analysis : await this.traces.analyzeFile(session.path).catch(() => null);
      kept.set(session.path, { key, analysis });
      rows.push({ session, analysis });
    }
    this.analyses = kept;
    if (generation !== this.generation) return; // a newer refresh started meanwhile
    const band = await this.traces.selfHostBand();
    if (generation !== this.generation) return;
    this.set({ kind: 'ready', sessions: rows, notes, band });
    await this.followNewest(rows.map((r) => r.session));
  }

  private stop(state: SessionsState): void {
    this.follower?.dispose();
    this.follower = null;
    this.set(state);
  }

  private async followNewest(sessions: readonly DiscoveredSession[]): Promise<void> {
    let newest: { s: DiscoveredSession; mtime: number } | null = null;
    for (const s of sessions) {
      if (!LIVE_AGENTS.has(s.agent)) continue;
      const info = await stat(s.path).catch(() => null);
      if (info && (!newest || info.mtimeMs > newest.mtime)) newest = { s, mtime: info.mtimeMs };
    }
    const live = newest && Date.now() - newest.mtime < LIVE_WITHIN_MS ? newest.s : null;
    const generation = this.config.generation;
    if (live && this.follower?.path === live.path && this.followedGeneration === generation) return;
    this.follower?.dispose();
    this.follower = null;
    if (!live) return;
    // measured like every trace, priced at the current scenario (pipeline/pricing.ts)
    const [measuring, pricing, band] = await Promise.all([this.traces.options(), this.traces.pricing(), this.traces.selfHostBand()]);
    const opts = { ...measuring, priceOf: pricing.priceOf, selfHost: pricing.selfHost, cache: pricing.cache };
    this.followedGeneration = generation;
    this.follower = new LiveFollower(live.path, live.agent, opts, band, this.item, this.log, (a) => this.onLive(a));
  }

  private followedGeneration = -1;
  private analyses = new Map<string, { key: string; analysis: FileAnalysis | null }>();

  /** The followed session grew: its row shows the live numbers, and listeners (the panel) get them. */
  private onLive(analysis: FileAnalysis): void {
    const st = this.current;
    if (st.kind === 'ready') {
      this.set({ ...st, sessions: st.sessions.map((r) => (r.session.path === analysis.path ? { ...r, analysis } : r)) });
    }
    this.updated.fire(analysis);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.follower?.dispose();
    this.item.dispose();
    this.changed.dispose();
    this.updated.dispose();
  }
}
