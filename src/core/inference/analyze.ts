import { stat } from 'node:fs/promises';
import type { Diagnostic, FormatId, ParsedTrace, Task } from '../traces/model';
import { probeFile, DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, formatBytes } from '../traces/io';
import type { ReadLimits, TraceReader } from '../traces/reader';
import { fileKind, walkFolder, type Skipped } from '../traces/walk';
import { readTrace } from '../traces/read-trace';
import type { SelfHostRates } from '../engine/agentic';
import { measureTasks, type CallMeasure, type CountTokens, type EncodeTokens } from './measure';
import { taskShape, type TaskShape } from './task-stats';
import { taskCosts, type PriceOf, type TaskCosts } from './task-costs';
import { SeenResponses, withoutCrossFileDuplicates } from './cross-file-duplicates';

export interface TaskAnalysis extends TaskShape {
  id: string;
  title: string | null;
  line: number | null;
  cost: TaskCosts;
  /** Per-call measures, for the timeline and projections. */
  perCall: CallMeasure[];
  /** The cost the trace itself records for the task, if any (shown beside ours, never summed with it). */
  recordedCost?: number | null;
}

/** The fields of a task every front end reports (CLI JSON, panel rows), in one place. */
export function taskFields(t: TaskAnalysis) {
  return {
    id: t.id,
    title: t.title,
    calls: t.calls,
    subagentCalls: t.subagentCalls,
    initialInputTokens: t.initialInputTokens,
    meanOutputTokens: t.meanOutputTokens,
    meanNewInputTokens: t.meanNewInputTokens,
    repeatedFraction: t.repeatedFraction,
    observedCachedFraction: t.observedCachedFraction,
    tokenSource: t.tokenSource,
  };
}

export type TaskFields = ReturnType<typeof taskFields>;

export interface FileAnalysis {
  path: string;
  format: FormatId | null;
  tasks: TaskAnalysis[];
  diagnostics: Diagnostic[];
}

/** Counting (and, for prefix hashing, encoding) where traces record no usage. */
export interface Tokenizer {
  count: CountTokens;
  encode?: EncodeTokens;
}

export interface AnalyzeOptions {
  readers: readonly TraceReader[];
  /** Loaded only when a file needs it: most traces record usage, and the encoding data is large. */
  tokenizer: () => Promise<Tokenizer>;
  priceOf: PriceOf;
  selfHost: SelfHostRates | null;
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

/** One task's analysis from its measured calls: the one place its shape and costs are put together. */
export function taskAnalysis(t: Task, perCall: CallMeasure[], opts: Pick<AnalyzeOptions, 'priceOf' | 'selfHost'>): TaskAnalysis {
  return { id: t.id, title: t.title, line: t.line, ...taskShape(perCall), cost: taskCosts(perCall, opts.priceOf, opts.selfHost), perCall, recordedCost: t.recordedCost ?? null };
}

export function analyzeParsed(parsed: ParsedTrace, opts: Pick<AnalyzeOptions, 'priceOf' | 'selfHost'>, tokenizer: Tokenizer = NO_TOKENIZER): FileAnalysis {
  const measures = measureTasks(parsed.tasks, tokenizer.count, tokenizer.encode);
  const tasks = parsed.tasks.map((t, i) => taskAnalysis(t, measures[i]!, opts));
  return { path: parsed.path, format: parsed.format, tasks, diagnostics: parsed.diagnostics };
}

/** Reads and analyzes one file. Never throws for bad content: problems become diagnostics. */
export async function analyzeFile(path: string, opts: AnalyzeOptions, reader?: TraceReader | null, seen?: SeenResponses): Promise<FileAnalysis> {
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
    return analyzeParsed(kept, opts, tokenizer);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { path, format: null, tasks: [], diagnostics: [{ line: null, severity: 'error', message: code ? `cannot read the file (${code})` : `internal error while reading: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

/**
 * Analyzes files and folders. Folders are scanned recursively for known formats (files no reader
 * claims are listed in `skipped` with the walk's own skips; a file named explicitly gets a
 * diagnostic instead).
 */
export async function analyzePaths(paths: readonly string[], opts: AnalyzeOptions): Promise<{ files: FileAnalysis[]; missing: string[]; skipped: Skipped[] }> {
  const { files, explicit, missing, skipped } = await listFiles(paths);
  const out: FileAnalysis[] = [];
  // a request logged in two files (subagent file and parent, resumed copy) is counted in the first
  const seen = new SeenResponses();
  for (let i = 0; i < files.length; i++) {
    if (opts.signal?.aborted) break;
    const path = files[i]!;
    opts.onProgress?.({ filesDone: i, filesTotal: files.length, path });
    const reader = await detectReader(path, opts.readers).catch(() => null);
    if (!reader && !explicit.has(path)) {
      skipped.push({ path, reason: 'not a trace format', detail: null });
      continue;
    }
    out.push(await analyzeFile(path, opts, reader, seen));
  }
  opts.onProgress?.({ filesDone: files.length, filesTotal: files.length, path: '' });
  return { files: out, missing, skipped };
}
