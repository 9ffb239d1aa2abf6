import { requireNonNegative, requirePositive } from '../engine/params';

/**
 * Self-host $ per 1M input and per 1M output tokens: a replica-second costs c dollars and a request
 * spends P/a seconds in prefill and C/b in decode, so input costs c/a per token and output c/b.
 */
export function selfHostInputOutputPerM(costPerReplicaSecond: number, prefillTokPerS: number, decodeTokPerS: number): { inputPerM: number; outputPerM: number } {
  requireNonNegative('costPerReplicaSecond', costPerReplicaSecond);
  requirePositive('prefillTokPerS', prefillTokPerS);
  requirePositive('decodeTokPerS', decodeTokPerS);
  return { inputPerM: (costPerReplicaSecond * 1e6) / prefillTokPerS, outputPerM: (costPerReplicaSecond * 1e6) / decodeTokPerS };
}
