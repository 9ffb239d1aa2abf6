/**
 * Spending over a recent window (pure): the cost of the calls made in the last N minutes, per hour.
 * Windowed, not cumulative: an idle session's rate falls to $0/h once its calls leave the window.
 */
export interface TimedCost {
  /** ISO time the call was recorded; calls without one are left out of every window. */
  timestamp: string | null;
  /** $ of the call; null when it could not be priced. */
  cost: number | null;
}

export interface BurnRate {
  /** $ per hour over the window; null when a call in the window could not be priced. */
  perHour: number | null;
  calls: number;
}

export function burnRate(calls: readonly TimedCost[], nowMs: number, windowMinutes: number): BurnRate {
  const from = nowMs - windowMinutes * 60_000;
  let sum: number | null = 0;
  let n = 0;
  for (const c of calls) {
    if (!c.timestamp) continue;
    const t = Date.parse(c.timestamp);
    if (!Number.isFinite(t) || t <= from || t > nowMs) continue;
    n++;
    sum = c.cost === null || sum === null ? null : sum + c.cost;
  }
  return { perHour: sum === null ? null : (sum * 60) / windowMinutes, calls: n };
}
