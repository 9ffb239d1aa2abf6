/**
 * Nelder–Mead minimisation of f over R^n from x0 (standard reflection/expansion/contraction/shrink
 * coefficients 1, 2, 0.5, 0.5). Used for the calibration's handful of log-parameters, whose objective
 * has max() kinks, so no gradients.
 */
export function nelderMead(f: (x: number[]) => number, x0: readonly number[], step = 0.5, iterations = 400): { x: number[]; value: number } {
  const n = x0.length;
  let simplex = [x0.slice(), ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))].map((x) => ({ x, v: f(x) }));
  for (let it = 0; it < iterations; it++) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.v - best.v) < 1e-10 * (1 + Math.abs(best.v))) break;
    const centroid = Array.from({ length: n }, (_, j) => simplex.slice(0, n).reduce((s, p) => s + p.x[j]!, 0) / n);
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j]! - c));
    const r = { x: along(-1), v: 0 };
    r.v = f(r.x);
    if (r.v < best.v) {
      const e = { x: along(-2), v: 0 };
      e.v = f(e.x);
      simplex[n] = e.v < r.v ? e : r;
    } else if (r.v < simplex[n - 1]!.v) {
      simplex[n] = r;
    } else {
      const c = { x: along(r.v < worst.v ? -0.5 : 0.5), v: 0 };
      c.v = f(c.x);
      if (c.v < Math.min(r.v, worst.v)) simplex[n] = c;
      else simplex = simplex.map((p, i) => (i === 0 ? p : { x: p.x.map((v, j) => best.x[j]! + 0.5 * (v - best.x[j]!)), v: 0 })).map((p, i) => (i === 0 ? p : { x: p.x, v: f(p.x) }));
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: simplex[0]!.x, value: simplex[0]!.v };
}
