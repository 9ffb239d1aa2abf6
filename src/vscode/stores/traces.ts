/**
 * Trace analysis for the extension: one file (status bar, panel), many files (Analyze Workspace
 * Traces), and the last workspace result (the Agent Traces view; the k that prompt hovers use).
 * Readers load on first use. Each file's analysis is cached by path, size, mtime and settings
 * generation; files over agentcost.maxFileSizeMB are not read (a diagnostic says so).
 * Pricing: each call at its own model's API price when agentcost.defaultProvider is `auto`, else
 * at that provider's price for agentcost.defaultModel; self-hosting per the default scenario.
 */
import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import type { AnalyzeOptions, FileAnalysis } from '../../core/inference/analyze';
import type { SelfHostRates } from '../../core/engine/agentic';
import { traceModelPricing } from '../../core/inference/pricing';
import { taskCosts, type PriceOf } from '../../core/inference/task-costs';
import { resolveScenario } from '../../core/scenario';
import { AUTO_PROVIDER } from '../../shared/config';
import type { ConfigStore } from '../config';
import { inferredWorkload, type TraceSummary, traceSummary } from '../model/trace-summary';
import type { InferredWorkload } from '../model/prompt-costs';
import type { CatalogStore } from './catalog';
import type { TokenizerStore } from './tokenizer';
import type { TokenCounter } from '../../core/tokenize';

const MAX_CACHED_FILES = 50;

type Modules = { analyze: typeof import('../../core/inference/analyze'); readers: typeof import('../../core/traces/readers').readers };

export interface WorkspaceTraces {
  files: FileAnalysis[];
  cancelled: boolean;
}

export class TraceStore implements vscode.Disposable {
  private modules: Promise<Modules> | null = null;
  private readonly cache = new Map<string, { key: string; analysis: Promise<FileAnalysis> }>();
  private pricingCache: { generation: number; value: Promise<{ priceOf: PriceOf; selfHost: SelfHostRates | null }> } | null = null;
  private current: WorkspaceTraces | null = null;
  private inferredCache: InferredWorkload | null = null;
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
  get inferred(): InferredWorkload | null {
    return this.inferredCache;
  }

  setWorkspace(result: WorkspaceTraces): void {
    this.current = result;
    this.inferredCache = inferredWorkload(result.files);
    this.changed.fire();
  }

  /** After a settings change: the workspace result re-priced (no file is read again). */
  async reprice(): Promise<void> {
    if (!this.current) return;
    const { priceOf, selfHost } = await this.pricing();
    const files = this.current.files.map((f) => ({ ...f, tasks: f.tasks.map((t) => ({ ...t, cost: taskCosts(t.perCall, priceOf, selfHost) })) }));
    this.current = { ...this.current, files };
    this.changed.fire();
  }

  pricing(): Promise<{ priceOf: PriceOf; selfHost: SelfHostRates | null }> {
    const generation = this.config.generation;
    if (this.pricingCache?.generation !== generation) {
      this.pricingCache = {
        generation,
        value: this.catalog.get().then((cat) => {
          const c = this.config.config;
          const auto = c.defaultProvider === AUTO_PROVIDER;
          const s = resolveScenario(cat, {}, { model: c.defaultModel, provider: auto ? undefined : c.defaultProvider, gpu: c.defaultGpu, utilization: c.utilization, overhead: c.overhead });
          return { priceOf: auto ? traceModelPricing(cat).priceOf : () => s.api, selfHost: s.selfHost };
        }),
      };
    }
    return this.pricingCache.value;
  }

  private load(): Promise<Modules> {
    this.modules ??= Promise.all([import('../../core/inference/analyze'), import('../../core/traces/readers')]).then(([analyze, r]) => ({ analyze, readers: r.readers }));
    return this.modules;
  }

  async options(signal?: AbortSignal): Promise<AnalyzeOptions> {
    const [{ readers }, pricing] = await Promise.all([this.load(), this.pricing()]);
    // the encoding data loads only if a file records no usage (most traces do)
    let counter: Promise<TokenCounter> | null = null;
    const tokenizer = async () => {
      const c = await (counter ??= this.tokenizer.counter());
      return { count: (t: string) => c.count(t) };
    };
    return {
      readers,
      tokenizer,
      priceOf: pricing.priceOf,
      selfHost: pricing.selfHost,
      maxFileBytes: this.config.config.maxFileSizeMB * 1024 * 1024,
      ...(signal ? { signal } : {}),
    };
  }

  /** True when a reader claims the file (reads its first bytes only). */
  async isTrace(path: string): Promise<boolean> {
    const { analyze, readers } = await this.load();
    return (await analyze.detectReader(path, readers).catch(() => null)) !== null;
  }

  /** One file, cached until it or the settings change. */
  async analyzeFile(path: string): Promise<FileAnalysis> {
    const info = await stat(path);
    const key = `${info.size}|${info.mtimeMs}|${this.config.generation}`;
    const hit = this.cache.get(path);
    if (hit?.key === key) return hit.analysis;
    const analysis = (async () => {
      const { analyze } = await this.load();
      return analyze.analyzeFile(path, await this.options());
    })();
    this.cache.delete(path);
    this.cache.set(path, { key, analysis });
    if (this.cache.size > MAX_CACHED_FILES) this.cache.delete(this.cache.keys().next().value!);
    analysis.catch(() => this.cache.delete(path));
    return analysis;
  }

  async summary(path: string): Promise<TraceSummary> {
    return traceSummary(await this.analyzeFile(path));
  }

  /**
   * Many files, in order, skipping quietly those no reader claims. When the signal is aborted it
   * returns at once with the files done so far (`cancelled`); a file being read then finishes in
   * the background and is dropped.
   */
  async analyzeMany(paths: readonly string[], signal: AbortSignal, onProgress: (done: number, total: number, path: string) => void): Promise<WorkspaceTraces> {
    const { analyze, readers } = await this.load();
    const opts = await this.options(signal);
    const aborted = new Promise<'aborted'>((resolve) => {
      if (signal.aborted) resolve('aborted');
      else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
    });
    const files: FileAnalysis[] = [];
    for (let i = 0; i < paths.length; i++) {
      if (signal.aborted) return { files, cancelled: true };
      const path = paths[i]!;
      onProgress(i, paths.length, path);
      const reader = await Promise.race([analyze.detectReader(path, readers).catch(() => null), aborted]);
      if (reader === 'aborted') return { files, cancelled: true };
      if (!reader) continue;
      const result = await Promise.race([analyze.analyzeFile(path, opts, reader), aborted]);
      if (result === 'aborted') return { files, cancelled: true };
      files.push(result);
    }
    return { files, cancelled: signal.aborted };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
