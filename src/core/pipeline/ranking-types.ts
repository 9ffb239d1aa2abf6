/** The ranking's rows (pipeline/ranking.ts), in a file of types only: the webview imports them. */
import type { Precision } from '../catalog/arch-schema';
import type { Status } from '../tags';

export interface RankingRow {
  rank: number;
  model: string;
  modelName: string;
  gpu: string;
  gpuName: string;
  precision: Precision;
  gpuCount: number;
  usdPerGpuHour: number;
  /** Self-host $ per task at k (with prefix reuse when the cache is on). */
  costPerTask: number;
  /** 10th–90th percentile of the throughput band applied to the cost; null where no band exists (never a zero-width range). */
  range: [number, number] | null;
  band: { low: number; high: number; runs: number; from: string } | null;
  /** Self-host $ per 1M input and per 1M output tokens (a replica-second split by prefill and decode). */
  inputPerM: number;
  outputPerM: number;
  /** measured: vLLM runs of this model on this GPU; scaled: runs on another GPU, scaled; estimated: the performance model. */
  basis: 'measured' | 'scaled' | 'estimated';
  status: Status;
  current: boolean;
}

export interface RankingResult {
  k: number;
  kLabel: string;
  /** The longest context of a task at k (tokens): every ranked replica holds one such sequence. */
  context: number;
  rows: RankingRow[];
  /** Combinations that could not be priced, and why. */
  excluded: { model: string; gpu: string; precision: Precision; reason: string }[];
}
