/**
 * Trace analysis for the extension: one file (status bar, panel), many files (Analyze Workspace
 * Traces), and the last workspace result (the Agent Traces view; the workload prompt hovers use).
 * Readers load on first use. Measures are cached by path, size, mtime and encoding only
 * (MeasureCache); prices come from the settings' choice (makePricing) and are applied on the way
 * out, so a settings change re-prices without reading a file again. Files over
 * agentcost.maxFileSizeMB are not read (a diagnostic says so).
 */
import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import type { FileAnalysis, FileMeasures } from '../../core/inference/analyze';
import type { SeenEntry } from '../../core/inference/cross-file-duplicates';
import type { Skipped } from '../../core/traces/walk';
import { measureInOrder, type MeasuredFile } from '../../core/pipeline/folder-measures';
import { MeasureCache } from '../../core/pipeline/measure-cache';
import { measuringOptions } from '../../core/pipeline/measuring';
import { makePricing, priceFile, type Pricing } from '../../core/pipeline/pricing';
import { traceWorkload, type Workload } from '../../core/pipeline/workload';
import { answer } from '../../core/pipeline/answer';
import { ratesBand, selfHostRange, type ThroughputBand } from '../../core/pipeline/self-host-range';
import type { MeasureOptions } from '../../core/inference/analyze';
import type { ConfigStore } from '../config';
import { type TraceSummary, traceSummary } from '../model/trace-summary';
import { choiceFromConfig } from '../model/prompt-costs';
import { JobStopped, runOffThread } from './worker-run';
import type { CatalogStore } from './catalog';
import type { TokenizerStore } from './tokenizer';

type Modules = { analyze: typeof import('../../core/inference/analyze'); readers: typeof import('../../core/traces/readers').readers };

export interface WorkspaceTraces {
  files: FileAnalysis[];
  cancelled: boolean;
  /** Files the trace globs matched that no reader claims (said in the result message and the panel, never dropped silently). */
  skipped: Skipped[];
  /** The throughput band of the self-host rates these files are priced at (their costs' ranges); null without one. */
  band: ThroughputBand | null;
}

export class TraceStore implements vscode.Disposable {
  private modules: Promise<Modules> | null = null;
  // measures are computed in a worker thread (worker-run.ts); `options` is the same builder for in-thread callers
  private readonly cache = new MeasureCache<MeasuredFile>(
    (path) => stat(path),
    (path, signal) => this.measureUncached(path, [], signal),
  );
  /** A folder file measured without the responses earlier files counted (keyed by those too). */
  private readonly deduped = new MeasureCache<MeasuredFile, SeenEntry[]>(
    (path) => stat(path),
    (path, signal, earlier) => this.measureUncached(path, earlier ?? [], signal),
  );
  private pricingCache: { generation: number; value: Promise<Pricing> } | null = null;
  private current: WorkspaceTraces | null = null;
  private inferredCache: Workload | null = null;
  private readonly changed = new vscode.EventEmitter<void>();
  /** The workspace result changed (new analysis, or re-priced after a settings change). */
  readonly onDidChangeWorkspace = this.changed.event;

  constructor(
    private readonly config: ConfigStore,
    private readonly catalog: CatalogStore,
    private readonly tokenizer: TokenizerStore,
  ) {}

  get workspace(): WorkspaceTraces | null {
    return this.current;
  }

  /** What the workspace's traces imply for prompt projections (k, O, Δ, r); null before any analysis. */
  get inferred(): Workload | null {
    return this.inferredCache;
  }

  setWorkspace(result: WorkspaceTraces): void {
    this.current = result;
    this.inferredCache = traceWorkload(result.files);
    this.changed.fire();
  }

  /** After a settings change: the workspace result re-priced from its measures (no file is read again). */
  async reprice(): Promise<void> {
    if (!this.current) return;
    const [pricing, band] = await Promise.all([this.pricing(), this.selfHostBand()]);
    this.current = { ...this.current, files: this.current.files.map((f) => priceFile(f, pricing)), band };
    this.changed.fire();
  }

  /** The settings' choice priced: cached until the settings change. */
  pricing(): Promise<Pricing> {
    const generation = this.config.generation;
    if (this.pricingCache?.generation !== generation) {
      const choice = choiceFromConfig(this.config.config);
      this.pricingCache = { generation, value: this.catalog.get().then((cat) => makePricing(cat, choice)) };
    }
    return this.pricingCache.value;
  }

  private load(): Promise<Modules> {
    this.modules ??= Promise.all([import('../../core/inference/analyze'), import('../../core/traces/readers')]).then(([analyze, r]) => ({ analyze, readers: r.readers }));
    return this.modules;
  }

  /** The one measuring-options builder, with this window's encoding and file-size limit. */
  async options(signal?: AbortSignal): Promise<MeasureOptions> {
    const { readers } = await this.load();
    return measuringOptions({ readers, counter: () => this.tokenizer.counter(), maxFileBytes: this.config.config.maxFileSizeMB * 1024 * 1024, signal }).options;
  }

  /** In a worker thread (reading, tokenizing, prefix hashing of a large trace would block the host), cancellable, with a time budget. */
  private async measureUncached(path: string, earlier: SeenEntry[], signal?: AbortSignal): Promise<MeasuredFile> {
    const job = { kind: 'measure' as const, path, encoding: this.tokenizer.encoding, maxFileBytes: this.config.config.maxFileSizeMB * 1024 * 1024, earlier };
    let r;
    try {
      r = await runOffThread(job, { signal });
    } catch (e) {
      // over the time budget: the file says so (and stays measured so until it changes); a cancel is not cached
      if (e instanceof JobStopped && !signal?.aborted) return { measures: { path, format: null, tasks: [], diagnostics: [{ line: null, severity: 'error', message: `analysis ${e.message}: not read` }] }, claims: [] };
      throw e;
    }
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'measure') throw new Error('the worker answered another job');
    return { measures: r.measures, claims: r.claims };
  }

  /** True when a reader claims the file (reads its first bytes only). */
  async isTrace(path: string): Promise<boolean> {
    const { analyze, readers } = await this.load();
    return (await analyze.detectReader(path, readers).catch(() => null)) !== null;
  }

  /** One file's measures, cached until the file or the encoding changes. */
  async measureFile(path: string, signal?: AbortSignal): Promise<FileMeasures> {
    return (await this.cache.get(path, this.tokenizer.encoding, signal)).measures;
  }

  /** One file measured (cached) and priced at the settings' choice. */
  async analyzeFile(path: string): Promise<FileAnalysis> {
    const [measures, pricing] = await Promise.all([this.measureFile(path), this.pricing()]);
    return priceFile(measures, pricing);
  }

  /** The throughput band of the settings' self-host rates (`ratesBand`): what "≈" and the ranges of self-host figures come from; null: none. */
  async selfHostBand(): Promise<ThroughputBand | null> {
    const [pricing, cat] = await Promise.all([this.pricing(), this.catalog.get()]);
    return ratesBand(cat, pricing.scenario);
  }

  /** The status bar's line for a trace file, with the verdict for its workload (the same `answer` as the panel's). */
  async summary(path: string): Promise<TraceSummary> {
    const [f, pricing, cat] = await Promise.all([this.analyzeFile(path), this.pricing(), this.catalog.get()]);
    const workload = traceWorkload([f]);
    const verdict = workload ? (answer(cat, { workload, pricing, files: [f] }).verdict?.text ?? null) : null;
    const sum = traceSummary(f);
    return { ...sum, verdict, selfHostPerTaskRange: selfHostRange(sum.selfHostPerTask, ratesBand(cat, pricing.scenario)) };
  }

  /**
   * Many files, in order (inWalkOrder: as `agentcost analyze <folder>` reads them); those no reader
   * claims are listed in `skipped`. A request logged in two files is counted in the first, as the CLI
   * does (folder-measures.ts): a file sharing responses with earlier ones is measured again without
   * them. When the signal is aborted it returns at once with the files done so far (`cancelled`).
   */
  async analyzeMany(paths: readonly string[], signal: AbortSignal, onProgress: (done: number, total: number, path: string) => void): Promise<WorkspaceTraces> {
    const { analyze, readers } = await this.load();
    const [pricing, band] = await Promise.all([this.pricing(), this.selfHostBand()]);
    const encoding = this.tokenizer.encoding;
    const r = await measureInOrder(
      paths,
      {
        detect: async (path) => (await analyze.detectReader(path, readers)) !== null,
        alone: (path, s) => this.cache.get(path, encoding, s),
        excluding: async (path, earlier, s) => (await this.deduped.get(path, encoding, s, { id: JSON.stringify(earlier), value: earlier })).measures,
      },
      signal,
      onProgress,
    );
    return { files: r.files.map((f) => priceFile(f, pricing)), cancelled: r.cancelled, skipped: r.skipped, band };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
