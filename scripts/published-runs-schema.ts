import { z } from 'zod';
import { Precision } from '../src/core/catalog/arch-schema';

/**
 * The shape of docs/calibration/published-*-runs.json and heldout-vllm-runs.json, the published runs the
 * performance model is validated on (never fitted). scripts/calibration-report.ts reads every file through
 * it, and test/unit/calibration/heldout-runs.test.ts checks the held-out file with it.
 */
export const PublishedRun = z.object({
  model: z.string().min(1),
  gpu: z.string().min(1),
  gpuCount: z.number().int().positive(),
  precision: Precision,
  engine: z.string().min(1),
  // absent in published-vllm-runs.json, whose runs are all GPUStack's vLLM baselines
  engineClass: z.enum(['vllm', 'other']).optional(),
  workload: z.string().min(1),
  promptTokens: z.number().positive(),
  completionTokens: z.number().positive(),
  concurrency: z.number().int().positive(),
  outputTokPerS: z.number().positive().optional(),
  totalTokPerS: z.number().positive(),
  source: z.string().min(20),
  // an ISO date, or a year and words where the source is undated ("2025 (TensorRT-LLM 1.0 docs; undated file)")
  date: z.string().regex(/^\d{4}/),
  // how the figure was obtained; 'user' (an imported run) never occurs in a published set
  status: z.enum(['confirmed', 'derived', 'estimated']),
  note: z.string().min(1),
}).strict();
export type PublishedRun = z.infer<typeof PublishedRun>;

export const PublishedRunsFile = z.object({ comment: z.string().min(1), runs: z.array(PublishedRun).min(1) }).strict();
