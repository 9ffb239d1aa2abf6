/** The hybrid routing summary's type and its one line of text: no runtime imports, the webview uses both. */
import type { HybridCosts } from '../engine/hybrid';

export interface HybridSummary {
  /** Tasks with k ≥ this go to self-host (k = 1 never does); null: self-host with reuse never wins up to the largest k. */
  threshold: number | null;
  /** The rule in words. */
  rule: string;
  tasks: number;
  /** Tasks with both an API and a self-host cost (the totals are over these). */
  priced: number;
  toApi: number;
  toSelfHost: number;
  /** $ over the priced tasks. */
  apiOnly: number;
  selfHostOnly: number;
  routed: number;
  best: HybridCosts['best'];
  /** $ per priced task (engine/hybrid.ts over the routed shares). */
  perTask: HybridCosts;
}

/** One line for the CLI and the panel. */
export function hybridText(h: HybridSummary, usd: (v: number) => string): string {
  const of = h.priced === h.tasks ? `${h.tasks} task(s)` : `the ${h.priced} of ${h.tasks} task(s) priced both ways`;
  const best = { apiOnly: 'API only', selfHostOnly: 'self-host only', routed: 'routed' }[h.best];
  return `API only ${usd(h.apiOnly)}, self-host only ${usd(h.selfHostOnly)}, routed ${usd(h.routed)} (${h.toApi} to the API, ${h.toSelfHost} to self-host) over ${of}; cheapest: ${best}. Rule: ${h.rule}.`;
}
