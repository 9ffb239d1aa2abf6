/**
 * What the cost panel shows, without the webview: a subject (trace file, traces, prompt file or a
 * hand-made scenario), its loaded data and the controls, turned into a complete `PanelSnapshot` by
 * the core's buildSnapshot. Used by the panel and, headless, by Export Report and Show Assumptions
 * when no panel is open. A control change only re-prices: the traces are not read again.
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { FileAnalysis } from '../../core/inference/analyze';
import type { Skipped } from '../../core/traces/walk';
import { buildSnapshot, type PanelInput } from '../../core/panel/snapshot';
import type { PanelSnapshot } from '../../shared/protocol';
import { PanelControls } from './messages';
import type { ConfigStore } from '../config';
import { controlsFromConfig } from '../model/controls';
import { subjectLabel, type PanelSubject } from '../model/panel-state';
import type { PromptService } from '../prompts';
import type { CatalogStore } from '../stores/catalog';
import type { TraceStore } from '../stores/traces';

export interface PanelDeps {
  config: ConfigStore;
  catalog: CatalogStore;
  traces: TraceStore;
  prompts: PromptService;
}

export interface ModelOptions {
  /** Controls to start from (laid over the settings' defaults). */
  controls?: Partial<PanelControls>;
  selectedTask?: string | null;
  /** Already analyzed traces for a trace/folder subject (the tree view's), not read again. */
  files?: FileAnalysis[];
  /** What the folder scan behind `files` skipped, and why (listed in the panel). */
  skipped?: Skipped[];
}

export class PanelModel {
  private input: PanelInput | null = null;
  private files: FileAnalysis[] | null;
  private skipped: Skipped[];
  private overrides: Partial<PanelControls>;
  selectedTask: string | null;

  constructor(
    private readonly deps: PanelDeps,
    readonly subject: PanelSubject,
    opts: ModelOptions = {},
  ) {
    this.overrides = { ...(opts.controls ?? {}) };
    this.selectedTask = opts.selectedTask ?? null;
    this.files = opts.files ?? null;
    this.skipped = opts.skipped ?? [];
  }

  get label(): string {
    return subjectLabel(this.subject, basename);
  }

  get controlOverrides(): Partial<PanelControls> {
    return { ...this.overrides };
  }

  /** Reads what the subject needs (traces analyzed, prompt counted). `busy` tells the user what is slow. */
  async load(busy: (message: string) => void = () => {}): Promise<void> {
    const { config, traces, prompts } = this.deps;
    const c = config.config;
    const base = { scenarios: c.scenarios, encoding: c.encoding, userK: c.k };
    const label = this.label;
    switch (this.subject.kind) {
      case 'trace': {
        if (!this.files) {
          busy(`Analyzing ${label}`);
          this.files = [await traces.analyzeFile(this.subject.path)];
        }
        this.input = { subject: { kind: 'trace', label }, files: this.files, ...base };
        break;
      }
      case 'folder': {
        if (!this.files) {
          busy(`Analyzing ${this.subject.paths.length} trace file(s)`);
          const controller = new AbortController();
          const r = await traces.analyzeMany(this.subject.paths, controller.signal, () => {});
          this.files = r.files;
          this.skipped = r.skipped;
        }
        this.input = { subject: { kind: 'folder', label }, files: this.files, skipped: this.skipped, ...base };
        break;
      }
      case 'prompt': {
        busy(`Counting the tokens of ${label}`);
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(this.subject.uri));
        const count = await prompts.count(doc);
        // the window's traces give the prompt its O, Δ, r and k, as in the hover
        this.input = { subject: { kind: 'prompt', label }, prompt: { tokens: count.tokens, exact: count.exact, encoding: count.encoding }, windowTraces: traces.inferred, ...base };
        break;
      }
      case 'scenario':
        this.input = { subject: { kind: 'scenario', label }, ...base };
        break;
    }
  }

  /** Lays new control values over the current ones; false (nothing changed) when the result is invalid. */
  setControls(partial: Partial<PanelControls>): boolean {
    const merged = { ...this.overrides, ...partial };
    if (!PanelControls.partial().safeParse(merged).success) return false;
    this.overrides = merged;
    return true;
  }

  /** The settings changed: the values they set win over the panel's for utilization and overhead. */
  settingsChanged(changed: Partial<PanelControls>): void {
    this.overrides = { ...this.overrides, ...changed };
  }

  async controls(): Promise<PanelControls> {
    const cat = await this.deps.catalog.get();
    const hasTraces = (this.input?.files?.length ?? 0) > 0 || Boolean(this.input?.windowTraces);
    return PanelControls.parse({ ...controlsFromConfig(cat, this.deps.config.config, hasTraces), ...this.overrides });
  }

  async snapshot(): Promise<PanelSnapshot> {
    if (!this.input) await this.load();
    const cat = await this.deps.catalog.get();
    const controls = await this.controls();
    // the settings' scenarios may have changed since load: always the current ones
    const c = this.deps.config.config;
    const input: PanelInput = { ...this.input!, scenarios: c.scenarios, userK: c.k, ...(this.input!.prompt ? { windowTraces: this.deps.traces.inferred } : {}) };
    return buildSnapshot(cat, input, controls, this.selectedTask);
  }
}
