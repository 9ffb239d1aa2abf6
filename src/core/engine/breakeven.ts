import { requirePositive } from './params';

export type Zone = 'green' | 'yellow' | 'red';

export interface ZoneBounds {
  greenMax: number;
  yellowMax: number;
}

/**
 * Utilization at which self-hosting costs what the API does: u* = (self-host $/1M at utilization 1)
 * / (API $/1M). Above 1 the break-even cannot be reached.
 */
export function breakEvenUtilization(selfHostPerMAtFullUtilization: number, apiPerM: number): number {
  requirePositive('apiPerM', apiPerM);
  return selfHostPerMAtFullUtilization / apiPerM;
}

/** green ≤ 0.70 < yellow ≤ 1.00 < red (the article's Figure 3 zones). */
export function zoneOf(u: number, bounds: ZoneBounds = { greenMax: 0.7, yellowMax: 1 }): Zone {
  if (u <= bounds.greenMax) return 'green';
  if (u <= bounds.yellowMax) return 'yellow';
  return 'red';
}
