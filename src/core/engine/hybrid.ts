import { requireFraction } from './params';

/** Traffic mix: a share of single-pass requests, the rest agentic tasks. Costs are $ per user request. */
export interface TrafficMix {
  singlePassShare: number;
  singlePass: { api: number; selfHost: number };
  agentic: { api: number; selfHost: number };
}

export interface HybridCosts {
  apiOnly: number;
  selfHostOnly: number;
  /** Single-pass requests to the API, agentic tasks to the self-hosted pool. */
  routed: number;
  /** The cheapest of the three. */
  best: 'apiOnly' | 'selfHostOnly' | 'routed';
}

export function hybridCosts(mix: TrafficMix): HybridCosts {
  const s = requireFraction('singlePassShare', mix.singlePassShare);
  const apiOnly = s * mix.singlePass.api + (1 - s) * mix.agentic.api;
  const selfHostOnly = s * mix.singlePass.selfHost + (1 - s) * mix.agentic.selfHost;
  const routed = s * mix.singlePass.api + (1 - s) * mix.agentic.selfHost;
  const options = { apiOnly, selfHostOnly, routed };
  const best = (Object.keys(options) as (keyof typeof options)[]).reduce((a, b) => (options[b] < options[a] ? b : a));
  return { apiOnly, selfHostOnly, routed, best };
}
