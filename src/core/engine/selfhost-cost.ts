import { requireNonNegative, requirePositive, requirePositiveInteger, requireUtilization } from './params';

/** The economics of one self-hosted replica. */
export interface SelfHostEconomics {
  gpuCount: number;
  usdPerGpuHour: number;
  /** Share of wall-clock time the replica does useful work, (0, 1]. */
  utilization: number;
  /** Operational overhead added on top of the GPU rent (0.15 = +15 %). */
  overhead: number;
}

/** c = n · $/GPU-h · (1 + overhead) / (3600 · utilization): dollars per busy replica-second. */
export function costPerReplicaSecond(e: SelfHostEconomics): number {
  requirePositiveInteger('selfHost.gpuCount', e.gpuCount);
  requirePositive('selfHost.usdPerGpuHour', e.usdPerGpuHour);
  requireUtilization('selfHost.utilization', e.utilization);
  requireNonNegative('selfHost.overhead', e.overhead);
  return (e.gpuCount * e.usdPerGpuHour * (1 + e.overhead)) / (3600 * e.utilization);
}

/** Prefill rate a and decode rate b of one replica, tokens/s. */
export interface ReplicaRates {
  prefillTokPerS: number;
  decodeTokPerS: number;
}

export function validateRates(r: ReplicaRates): ReplicaRates {
  requirePositive('selfHost.prefillTokPerS', r.prefillTokPerS);
  requirePositive('selfHost.decodeTokPerS', r.decodeTokPerS);
  return r;
}

/** $ for a request with P prefilled and C generated tokens: c · (P/a + C/b). */
export function selfHostRequestCost(c: number, rates: ReplicaRates, prefilled: number, generated: number): number {
  return c * (prefilled / rates.prefillTokPerS + generated / rates.decodeTokPerS);
}

/** $ per 1M total tokens when a request of P + C tokens takes `seconds` replica-seconds. */
export function selfHostPerM(c: number, seconds: number, promptTokens: number, completionTokens: number): number {
  requireNonNegative('seconds', seconds);
  const total = promptTokens + completionTokens;
  if (total === 0) return 0;
  return (c * seconds * 1e6) / total;
}
