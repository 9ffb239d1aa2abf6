/**
 * Reads the JSON that `vllm bench serve --save-result` writes and turns one run into a catalog
 * `Baseline` (a throughput measurement of one model on one GPU replica), for "Import vLLM Benchmark
 * Result". Field names as vLLM writes them (vllm-project/vllm `vllm/benchmarks/serve.py`,
 * `main_async`: `result_json` = date, backend, label, model_id, tokenizer_id, num_prompts,
 * request_rate, burstiness, max_concurrency, any `--metadata KEY=VALUE`, then the benchmark's
 * duration, completed, failed, total_input_tokens, total_output_tokens, request_throughput,
 * output_throughput, total_token_throughput and latency percentiles). `--append-result` appends
 * further runs to the same file, one JSON object per line: every run in the file is read.
 *
 * The result does not say which GPU, how many, or which catalog model: the caller supplies them
 * (`--metadata gpu=h100 tensor_parallel_size=8` hints are read when present).
 */
import { describeZodError } from './zod-error';
import { z } from 'zod';
import type { Baseline } from './catalog/schema';

const count = z.number().int().nonnegative();
const positive = z.number().finite().positive();

/** One saved run, as much of it as a baseline needs; everything else in the file is kept but unchecked. */
export const VllmBenchRun = z
  .looseObject({
    date: z.string().optional(),
    backend: z.string().optional(),
    label: z.string().nullable().optional(),
    model_id: z.string().min(1),
    tokenizer_id: z.string().nullable().optional(),
    num_prompts: z.number().int().nullable().optional(),
    request_rate: z.union([z.number(), z.string()]).nullable().optional(),
    max_concurrency: z.number().int().positive().nullable().optional(),
    duration: positive,
    completed: z.number().int().positive(),
    failed: count.optional(),
    total_input_tokens: count,
    total_output_tokens: z.number().int().positive(),
    request_throughput: positive,
    output_throughput: positive,
    total_token_throughput: positive,
  });
export type VllmBenchRun = z.infer<typeof VllmBenchRun>;

export class VllmBenchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VllmBenchError';
  }
}

const describe = (error: z.ZodError): string => describeZodError(error, 4);

/**
 * Every run in a saved result file: one JSON object (`--save-result`) or one per line
 * (`--append-result`). Throws VllmBenchError naming the file (and line) when a run is unusable,
 * e.g. a pooling/embedding benchmark, which has no output tokens.
 */
export function parseVllmBenchFile(text: string, origin: string): VllmBenchRun[] {
  const docs: { value: unknown; where: string }[] = [];
  try {
    docs.push({ value: JSON.parse(text), where: origin });
  } catch {
    const lines = text.split(/\r?\n/);
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        docs.push({ value: JSON.parse(line), where: `${origin}:${i + 1}` });
      } catch (e) {
        throw new VllmBenchError(`${origin}:${i + 1} is not JSON (${e instanceof Error ? e.message : String(e)})`);
      }
    });
  }
  if (docs.length === 0) throw new VllmBenchError(`${origin} is empty`);
  return docs.map(({ value, where }) => {
    const parsed = VllmBenchRun.safeParse(value);
    if (!parsed.success) {
      throw new VllmBenchError(`${where} is not a \`vllm bench serve --save-result\` result of a generation benchmark: ${describe(parsed.error)}`);
    }
    return parsed.data;
  });
}

/** Where `--metadata` hints at the hardware: gpu=…, and tensor_parallel_size / tp / gpu_count / num_gpus = n. */
export function benchHints(run: VllmBenchRun): { gpu?: string; gpuCount?: number } {
  const rec = run as Record<string, unknown>;
  const text = (k: string) => (typeof rec[k] === 'string' && (rec[k] as string).trim() ? (rec[k] as string).trim() : undefined);
  const gpu = text('gpu') ?? text('gpu_type') ?? text('hardware');
  let gpuCount: number | undefined;
  for (const k of ['gpu_count', 'num_gpus', 'tensor_parallel_size', 'tp']) {
    const v = rec[k];
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
    if (Number.isInteger(n) && n > 0) {
      gpuCount = n;
      break;
    }
  }
  return { ...(gpu ? { gpu } : {}), ...(gpuCount ? { gpuCount } : {}) };
}

/** vLLM's `date` is `%Y%m%d-%H%M%S`; the catalog wants YYYY-MM-DD. */
export function benchDate(run: VllmBenchRun): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})-\d{6}$/.exec(run.date ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** Problems worth telling the user that do not stop the import. */
export function benchWarnings(run: VllmBenchRun): string[] {
  const out: string[] = [];
  if (run.failed) out.push(`${run.failed} request(s) failed during the run: throughput counts only the ${run.completed} that completed`);
  const expected = (run.total_input_tokens + run.total_output_tokens) / run.duration;
  if (Math.abs(expected - run.total_token_throughput) > 0.02 * run.total_token_throughput) {
    out.push(`total_token_throughput ${run.total_token_throughput.toFixed(1)} differs from (input + output tokens) / duration = ${expected.toFixed(1)} by more than 2 %`);
  }
  if (run.max_concurrency !== null && run.max_concurrency !== undefined && run.max_concurrency < 32) {
    out.push(`max concurrency ${run.max_concurrency}: the replica may not have been saturated, so its throughput (and self-host cost) can be pessimistic`);
  }
  return out;
}

export interface BaselineTarget {
  /** The catalog model the run measures (or stands in for). */
  model: string;
  /** Catalog GPU id. */
  gpu: string;
  /** GPUs in the replica that served the run. */
  gpuCount: number;
  /** The file's name, for the source line. */
  fileName: string;
  /** Workload id; default derived from the run's date and mean shape. */
  workload?: string;
  /** YYYY-MM-DD when the run has no date. */
  today?: string;
}

/**
 * A catalog baseline from one run. Verbatim from the file ([C]): total and output tokens/s and
 * requests/s; derived: input tokens/s = total input tokens / duration and the mean prompt and
 * completion tokens = totals / completed requests (said in the note, as the shipped entries do).
 */
export function baselineFromVllmBench(run: VllmBenchRun, target: BaselineTarget): Baseline {
  if (!Number.isInteger(target.gpuCount) || target.gpuCount < 1) throw new VllmBenchError(`GPU count must be a whole number ≥ 1, got ${target.gpuCount}`);
  const meanPrompt = run.total_input_tokens / run.completed;
  const meanCompletion = run.total_output_tokens / run.completed;
  if (meanPrompt <= 0) throw new VllmBenchError('the run recorded no input tokens');
  const date = benchDate(run) ?? target.today ?? new Date().toISOString().slice(0, 10);
  const workload = target.workload ?? `vllm-bench-${run.date ?? date}-${Math.round(meanPrompt)}x${Math.round(meanCompletion)}`;
  const described = [
    `model_id ${run.model_id}`,
    run.label ? `label ${run.label}` : null,
    run.num_prompts ? `${run.num_prompts} prompts` : null,
    run.request_rate !== undefined && run.request_rate !== null ? `request rate ${run.request_rate}` : null,
    `max concurrency ${run.max_concurrency ?? 'unlimited'}`,
  ].filter(Boolean);
  return {
    model: target.model,
    measuredModel: run.model_id,
    gpu: target.gpu,
    gpuCount: target.gpuCount,
    engine: `vLLM (vllm bench serve${run.backend ? `, backend ${run.backend}` : ''})`,
    workload,
    totalTokPerS: run.total_token_throughput,
    inputTokPerS: run.total_input_tokens / run.duration,
    outputTokPerS: run.output_throughput,
    reqPerS: run.request_throughput,
    meanPromptTokens: meanPrompt,
    meanCompletionTokens: meanCompletion,
    concurrency: run.max_concurrency ?? null,
    status: 'confirmed',
    source: `your vllm bench serve --save-result file ${target.fileName} (${described.join(', ')})`,
    date,
    note: 'imported by AgentCost: total and output tok/s and req/s verbatim from the file; input tok/s = total input tokens / duration and the mean prompt/completion tokens = totals / completed requests are derived [D].',
  };
}
