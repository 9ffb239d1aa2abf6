/** A parameter the engine cannot compute with; names the parameter so the user knows what to fix. */
export class ParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
    this.name = 'ParameterError';
  }
}

function describe(v: number): string {
  return Number.isNaN(v) ? 'NaN' : String(v);
}

export function requireFinite(name: string, v: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParameterError(name, `must be a finite number, got ${describe(v)}`);
  return v;
}

export function requireNonNegative(name: string, v: number): number {
  requireFinite(name, v);
  if (v < 0) throw new ParameterError(name, `must be ≥ 0, got ${v}`);
  return v;
}

export function requirePositive(name: string, v: number): number {
  requireFinite(name, v);
  if (v <= 0) throw new ParameterError(name, `must be > 0, got ${v}`);
  return v;
}

/** Utilization is a share of wall-clock time the replica is busy: (0, 1]. */
export function requireUtilization(name: string, v: number): number {
  requireFinite(name, v);
  if (v <= 0 || v > 1) throw new ParameterError(name, `must be in (0, 1], got ${v}`);
  return v;
}

export function requireFraction(name: string, v: number): number {
  requireFinite(name, v);
  if (v < 0 || v > 1) throw new ParameterError(name, `must be in [0, 1], got ${v}`);
  return v;
}

export function requirePositiveInteger(name: string, v: number): number {
  requirePositive(name, v);
  if (!Number.isInteger(v)) throw new ParameterError(name, `must be a whole number, got ${v}`);
  return v;
}
