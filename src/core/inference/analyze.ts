import { stat } from 'node:fs/promises';
import type { Diagnostic, FormatId, ParsedTrace, Task } from '../traces/model';
import { probeFile, DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, formatBytes } from '../traces/io';
import type { ReadLimits, TraceReader } from '../traces/reader';
import { fileKind, notATrace, walkFolder, type Skipped } from '../traces/walk';
import { readTrace } from '../traces/read-trace';
import { measureTasks, type CallMeasure, type CountTokens, type EncodeTokens } from './measure';
import { taskShape, type TaskShape } from './task-stats';
import type { TaskCosts } from './task-costs';
import { SeenResponses, withoutCrossFileDuplicates } from './cross-file-duplicates';
import { priceFile, type PricingRates } from '../pipeline/pricing';

/** One task measured: its shape and per-call tokens, no prices (step 1 of measure → price → project). */
export interface TaskMeasures extends TaskShape {
  id: string;
  title: string | null;
  line: number | null;
  /** Per-call measures, for the timeline, pricing and projections. */
  perCall: CallMeasure[];
  /** The cost the trace itself records for the task, if any (shown beside ours, never summed with it). */
  recordedCost?: number | null;
}

/** A measured task priced (src/core/pipeline/pricing.ts `priceFile`). */
export interface TaskAnalysis extends TaskMeasures {
  cost: TaskCosts;
}

export { taskFields, type TaskFields } from './task-fields';

/** One file measured: what the extension caches (by path, size, mtime and encoding; never by price). */
export interface FileMeasures {
  path: string;
  format: FormatId | null;
  tasks: TaskMeasures[];
  diagnostics: Diagnostic[];
}

/** One file measured and priced. */
export interface FileAnalysis extends FileMeasures {
  tasks: TaskAnalysis[];
}

/** Counting (and, for prefix hashing, encoding) where traces record no usage. */
export interface Tokenizer {
  count: CountTokens;
  encode?: EncodeTokens;
}

/** Built only by `measuringOptions` (src/core/pipeline/measuring.ts): count and encode always travel together. */
export interface MeasureOptions {
  readers: readonly TraceReader[];
  /** Loaded only when a file needs it: most traces record usage, and the encoding data is large. */
  tokenizer: () => Promise<Tokenizer>;
  limits?: Partial<ReadLimits>;
  /** Files larger than this are not read (a diagnostic says so). */
  maxFileBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: { filesDone: number; filesTotal: number; path: string }) => void;
}

/** Below this a reader's claim is not taken: a folder holds many JSON files that are not traces. */
const MIN_CONFIDENCE = 0.5;

export async function detectReader(path: string, readers: readonly TraceReader[]): Promise<TraceReader | null> {
  const probe = await probeFile(path);
  let best: { r: TraceReader; score: number } | null = null;
  for (const r of readers) {
    let score = 0;
    try {
      score = r.detect(probe);
    } catch {
      score = 0;
    }
    if (score >= MIN_CONFIDENCE && (!best || score > best.score)) best = { r, score };
  }
  return best?.r ?? null;
}

/**
 * Files under the given paths (folders recursively with the shared walker, see traces/walk.ts), in a
 * stable order, and what the walk could not use (unreadable, not a regular file...).
 */
export async function listFiles(paths: readonly string[]): Promise<{ files: string[]; explicit: Set<string>; missing: string[]; skipped: Skipped[] }> {
  const files: string[] = [];
  const explicit = new Set<string>();
  const missing: string[] = [];
  const skipped: Skipped[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) missing.push(p);
    else if (info.isDirectory()) {
      const found = await walkFolder(p);
      files.push(...found.files);
      skipped.push(...found.skipped);
    } else {
      // named explicitly: analyzeFile reports it (a FIFO or device gets a diagnostic, never an open)
      files.push(p);
      explicit.add(p);
    }
  }
  return { files, explicit, missing, skipped };
}

/** A file needs the tokenizer when a call lacks recorded usage but has text, or records its whole prompt. */
export function needsTokenizer(tasks: readonly Task[]): boolean {
  return tasks.some((t) =>
    t.calls.some((c) => {
      const recorded = c.usage.source === 'recorded';
      const missing = !recorded || c.usage.inTotal === null || c.usage.output === null;
      return (missing && (c.prompt !== null || c.completion !== null)) || (c.promptComplete && c.prompt !== null);
    }),
  );
}

const NO_TOKENIZER: Tokenizer = {
  count: () => {
    throw new Error('tokenizer not loaded: needsTokenizer() said no text needs counting');
  },
};

/** One task's measures from its measured calls: the one place they are put together (whole and live reads). */
export function taskMeasures(t: Task, perCall: CallMeasure[]): TaskMeasures {
  return { id: t.id, title: t.title, line: t.line, ...taskShape(perCall), perCall, recordedCost: t.recordedCost ?? null };
}

export function measureParsed(parsed: ParsedTrace, tokenizer: Tokenizer = NO_TOKENIZER): FileMeasures {
  const measures = measureTasks(parsed.tasks, tokenizer.count, tokenizer.encode);
  const tasks = parsed.tasks.map((t, i) => taskMeasures(t, measures[i]!));
  return { path: parsed.path, format: parsed.format, tasks, diagnostics: parsed.diagnostics };
}

/**
 * Reads and measures one file. Never throws for bad content: problems become diagnostics. `seen`
 * (folder analyses): calls an earlier file already counted are dropped (cross-file-duplicates.ts).
 */
export async function measureFile(path: string, opts: MeasureOptions, reader?: TraceReader | null, seen?: SeenResponses): Promise<FileMeasures> {
  const limits: ReadLimits = {
    maxLineBytes: opts.limits?.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    maxJsonDocumentBytes: opts.limits?.maxJsonDocumentBytes ?? DEFAULT_MAX_JSON_DOCUMENT_BYTES,
  };
  try {
    const info = await stat(path);
    if (!info.isFile()) return { path, format: null, tasks: [], diagnostics: [{ line: null, severity: 'error', message: `not a regular file (${fileKind(info)}): not read` }] };
    const size = info.size;
    if (opts.maxFileBytes !== undefined && size > opts.maxFileBytes) {
      return { path, format: null, tasks: [], diagnostics: [{ line: null, severity: 'error', message: `${formatBytes(size)} is over the ${formatBytes(opts.maxFileBytes)} file-size limit: not read` }] };
    }
    const r = reader === undefined ? await detectReader(path, opts.readers) : reader;
    if (!r) return { path, format: null, tasks: [], diagnostics: [{ line: null, severity: 'error', message: 'not a trace format AgentCost knows (see README: supported formats)' }] };
    const read = await readTrace(r, path, limits);
    const parsed: ParsedTrace = { path, format: r.format, ...read };
    const kept = seen ? withoutCrossFileDuplicates(parsed, seen) : parsed;
    const tokenizer = needsTokenizer(kept.tasks) ? await opts.tokenizer() : NO_TOKENIZER;
    return measureParsed(kept, tokenizer);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { path, format: null, tasks: [], diagnostics: [{ line: null, severity: 'error', message: code ? `cannot read the file (${code})` : `internal error while reading: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

/**
 * Measures files and folders. Folders are scanned recursively for known formats (files no reader
 * claims are listed in `skipped` with the walk's own skips; a file named explicitly gets a
 * diagnostic instead).
 */
export async function measurePaths(paths: readonly string[], opts: MeasureOptions): Promise<{ files: FileMeasures[]; missing: string[]; skipped: Skipped[] }> {
  const { files, explicit, missing, skipped } = await listFiles(paths);
  const out: FileMeasures[] = [];
  // a request logged in two files (subagent file and parent, resumed copy) is counted in the first
  const seen = new SeenResponses();
  for (let i = 0; i < files.length; i++) {
    if (opts.signal?.aborted) break;
    const path = files[i]!;
    opts.onProgress?.({ filesDone: i, filesTotal: files.length, path });
    const reader = await detectReader(path, opts.readers).catch(() => null);
    if (!reader && !explicit.has(path)) {
      skipped.push(notATrace(path));
      continue;
    }
    out.push(await measureFile(path, opts, reader, seen));
  }
  opts.onProgress?.({ filesDone: files.length, filesTotal: files.length, path: '' });
  return { files: out, missing, skipped };
}

/**
 * Measure, then price (pipeline/pricing.ts `priceFile`), for callers that price a file once at
 * fixed rates: `agentcost sessions`, the live session, tests. The extension and `analyze` keep the
 * measures and re-price them instead. Options come from `measuringOptions` (count and encode together).
 */
export interface AnalyzeOptions extends MeasureOptions, Pick<PricingRates, 'priceOf' | 'selfHost'> {
  /** Default true: cached-input price and prefix reuse apply. */
  cache?: boolean;
}

const ratesOf = (opts: AnalyzeOptions): PricingRates => ({ priceOf: opts.priceOf, selfHost: opts.selfHost, cache: opts.cache ?? true });

export function analyzeParsed(parsed: ParsedTrace, opts: AnalyzeOptions, tokenizer: Tokenizer = NO_TOKENIZER): FileAnalysis {
  return priceFile(measureParsed(parsed, tokenizer), ratesOf(opts));
}

export async function analyzeFile(path: string, opts: AnalyzeOptions, reader?: TraceReader | null, seen?: SeenResponses): Promise<FileAnalysis> {
  return priceFile(await measureFile(path, opts, reader, seen), ratesOf(opts));
}

export async function analyzePaths(paths: readonly string[], opts: AnalyzeOptions): Promise<{ files: FileAnalysis[]; missing: string[]; skipped: Skipped[] }> {
  const m = await measurePaths(paths, opts);
  return { ...m, files: m.files.map((f) => priceFile(f, ratesOf(opts))) };
}
