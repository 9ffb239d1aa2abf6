/**
 * The status bar item for the active editor: a prompt file shows about N tokens and $ per call
 * (API vs self-host); a trace file shows k and API vs self-host $ per task; anything else the
 * plain "AgentCost" entry. A click opens the cost panel on that file.
 * Updates are debounced and asynchronous: typing only restarts a timer; counting and trace
 * analysis run after the pause, and a result that arrives for an editor no longer active is dropped.
 */
import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatBytes } from '../core/traces/io';
import { CommandId, ContextKey } from '../shared/commands';
import type { ConfigStore } from './config';
import { matchesAnyGlob } from './model/glob';
import type { PromptService } from './prompts';
import type { TraceStore } from './stores/traces';
import { busyStatusView, errorStatusView, idleStatusView, promptStatusView, traceStatusView, type StatusView } from './text/status-bar';

/** Pause after the last keystroke before a prompt is counted again. */
export const TYPING_DEBOUNCE_MS = 400;
/** Pause after an editor switch (switching through several editors counts only the last). */
export const SWITCH_DEBOUNCE_MS = 100;
/** Show the spinner only if the work takes longer than this. */
const BUSY_AFTER_MS = 300;

export class StatusBarController implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private isPrompt = false;

  constructor(
    private readonly item: vscode.StatusBarItem,
    private readonly config: ConfigStore,
    private readonly prompts: PromptService,
    private readonly traces: TraceStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  schedule(delay = SWITCH_DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  onDocumentChanged(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length && e.document === vscode.window.activeTextEditor?.document && this.isPrompt) this.schedule(TYPING_DEBOUNCE_MS);
  }

  onDocumentSaved(doc: vscode.TextDocument): void {
    if (doc === vscode.window.activeTextEditor?.document) this.schedule(SWITCH_DEBOUNCE_MS);
  }

  private show(view: StatusView, command: vscode.Command): void {
    this.item.text = view.text;
    const tip = new vscode.MarkdownString(view.tooltip);
    tip.supportHtml = false;
    this.item.tooltip = tip;
    this.item.command = command;
    this.item.show();
  }

  private setPrompt(isPrompt: boolean): void {
    if (isPrompt === this.isPrompt) return;
    this.isPrompt = isPrompt;
    void vscode.commands.executeCommand('setContext', ContextKey.promptFile, isPrompt);
  }

  async refresh(): Promise<void> {
    const gen = ++this.generation;
    const current = () => gen === this.generation;
    const editor = vscode.window.activeTextEditor;
    const plain: vscode.Command = { title: 'Open Cost Panel', command: CommandId.openPanel };
    if (!editor) {
      this.setPrompt(false);
      this.show(idleStatusView(), plain);
      return;
    }
    const doc = editor.document;
    const open: vscode.Command = { title: 'Open Cost Panel', command: CommandId.openPanel, arguments: [doc.uri] };
    const busy = setTimeout(() => {
      if (current()) this.show(busyStatusView('counting and pricing'), open);
    }, BUSY_AFTER_MS);
    try {
      if (this.prompts.isPromptDocument(doc)) {
        this.setPrompt(true);
        const s = await this.prompts.summary(doc);
        if (current()) this.show(promptStatusView(s.count, s.costs), open);
        return;
      }
      this.setPrompt(false);
      const c = this.config.config;
      if (doc.uri.scheme === 'file' && matchesAnyGlob(doc.uri.fsPath, c.traceGlobs)) {
        const info = await stat(doc.uri.fsPath).catch(() => null);
        if (!current()) return;
        if (info && info.size > c.maxFileSizeMB * 1024 * 1024) {
          this.show(errorStatusView(`${basename(doc.uri.fsPath)} is ${formatBytes(info.size)}, over the ${c.maxFileSizeMB} MB limit (agentcost.maxFileSizeMB): not analyzed`), open);
          return;
        }
        if (info && (await this.traces.isTrace(doc.uri.fsPath))) {
          if (!current()) return;
          const summary = await this.traces.summary(doc.uri.fsPath);
          if (current()) this.show(traceStatusView(basename(doc.uri.fsPath), summary), open);
          return;
        }
      }
      if (current()) this.show(idleStatusView(), plain);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.warn(`status bar: ${message}`);
      if (current()) this.show(errorStatusView(message), open);
    } finally {
      clearTimeout(busy);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
