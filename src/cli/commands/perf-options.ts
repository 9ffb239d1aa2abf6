import { InvalidArgumentError } from 'commander';
import type { Precision } from '../../core/catalog/arch-schema';
import { parsePrecision } from '../../core/perf/precision';

export function parsePrecisionOption(raw: string): Precision {
  const p = parsePrecision(raw);
  if (!p) throw new InvalidArgumentError(`precision must be bf16, fp16, fp8 or fp4, got "${raw}"`);
  return p;
}

export function parseGpuCount(raw: string): number {
  const n = Number(raw);
  if (![1, 2, 4, 8].includes(n)) throw new InvalidArgumentError(`gpus must be 1, 2, 4 or 8, got "${raw}"`);
  return n;
}
