import type { Provenance, Status } from './catalog/schema';

/** One input a result depends on, with where it came from: printed beside every result. */
export interface Assumption {
  /** Stable key, e.g. "api.inputPerM" or "gpu.usdPerGpuHour". */
  id: string;
  label: string;
  value: string | number | null;
  unit?: string;
  status: Status | 'user';
  source: string;
  date: string;
}

export function assumption(
  id: string,
  label: string,
  value: string | number | null,
  prov: Provenance | { status: 'user'; source: string; date: string },
  unit?: string,
): Assumption {
  return { id, label, value, ...(unit ? { unit } : {}), status: prov.status, source: prov.source, date: prov.date };
}

/** True when any assumption is estimated: every output that depends on one says so. */
export function dependsOnEstimates(list: readonly Assumption[]): boolean {
  return list.some((a) => a.status === 'estimated');
}

export function dedupeAssumptions(list: readonly Assumption[]): Assumption[] {
  const seen = new Map<string, Assumption>();
  for (const a of list) if (!seen.has(a.id + '|' + String(a.value))) seen.set(a.id + '|' + String(a.value), a);
  return [...seen.values()];
}
