/**
 * The interpolation model for workload shapes that were not benchmarked:
 *   replica-seconds per request  s(P, C) = P/a + C/b
 * with a the prefill rate and b the decode rate (tokens/s) of one replica under load. Fitted on a
 * model's benchmark points (P_w, C_w, s_w = (P_w + C_w) / total tok/s_w) by least squares on the
 * RELATIVE error (each point weighted by 1/s_w, so a 32K-token point does not drown a 128-token one),
 * with a, b constrained positive (non-negative least squares on x = 1/a, y = 1/b).
 */

export interface ShapePoint {
  promptTokens: number;
  completionTokens: number;
  /** Measured replica-seconds per request. */
  seconds: number;
  label: string;
}

export interface LinearShapeFit {
  /** 1/a: replica-seconds per prefilled token. */
  secondsPerPromptToken: number;
  /** 1/b: replica-seconds per generated token. */
  secondsPerCompletionToken: number;
}

export interface LeaveOneOut {
  /**
   * Each point predicted by a fit on all the others: (predicted − measured) / measured; null when the
   * others cannot identify both rates (e.g. without the one decode-heavy run, decode is unconstrained).
   */
  points: { label: string; relativeError: number | null }[];
  meanAbsRelativeError: number;
  maxAbsRelativeError: number;
}

function sse(points: readonly ShapePoint[], x: number, y: number): number {
  let e = 0;
  for (const p of points) {
    const r = (x * p.promptTokens + y * p.completionTokens) / p.seconds - 1;
    e += r * r;
  }
  return e;
}

/** Best single-coefficient fit (the other one fixed at zero) for the NNLS boundary cases. */
function fitOne(points: readonly ShapePoint[], pick: (p: ShapePoint) => number): number {
  let num = 0;
  let den = 0;
  for (const p of points) {
    const v = pick(p) / p.seconds;
    num += v;
    den += v * v;
  }
  return den > 0 ? Math.max(0, num / den) : 0;
}

/** Non-negative weighted least squares in two unknowns: the unconstrained optimum, else the best boundary. */
export function fitLinearShape(points: readonly ShapePoint[]): LinearShapeFit | null {
  if (points.length < 2) return null;
  let a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
  for (const p of points) {
    const u = p.promptTokens / p.seconds;
    const v = p.completionTokens / p.seconds;
    a11 += u * u;
    a12 += u * v;
    a22 += v * v;
    b1 += u;
    b2 += v;
  }
  const det = a11 * a22 - a12 * a12;
  if (det > 1e-12 * a11 * a22) {
    const x = (b1 * a22 - b2 * a12) / det;
    const y = (a11 * b2 - a12 * b1) / det;
    if (x > 0 && y > 0) return { secondsPerPromptToken: x, secondsPerCompletionToken: y };
  }
  // A boundary solution gives an infinite rate for one phase: no usable model of that phase.
  const x = fitOne(points, (p) => p.promptTokens);
  const y = fitOne(points, (p) => p.completionTokens);
  const best = sse(points, x, 0) <= sse(points, 0, y) ? { x, y: 0 } : { x: 0, y };
  if (best.x <= 0 || best.y <= 0) return null;
  return { secondsPerPromptToken: best.x, secondsPerCompletionToken: best.y };
}

export function predictSeconds(fit: LinearShapeFit, promptTokens: number, completionTokens: number): number {
  return fit.secondsPerPromptToken * promptTokens + fit.secondsPerCompletionToken * completionTokens;
}

export function leaveOneOut(points: readonly ShapePoint[]): LeaveOneOut | null {
  if (points.length < 3) return null;
  const out: { label: string; relativeError: number | null }[] = [];
  for (let i = 0; i < points.length; i++) {
    const rest = points.filter((_, j) => j !== i);
    const fit = fitLinearShape(rest);
    const p = points[i]!;
    out.push({ label: p.label, relativeError: fit ? predictSeconds(fit, p.promptTokens, p.completionTokens) / p.seconds - 1 : null });
  }
  const abs = out.flatMap((o) => (o.relativeError === null ? [] : [Math.abs(o.relativeError)]));
  if (abs.length === 0) return null;
  return {
    points: out,
    meanAbsRelativeError: abs.reduce((s, v) => s + v, 0) / abs.length,
    maxAbsRelativeError: Math.max(...abs),
  };
}
