/**
 * The answer first: the cheapest option for this workload at this k, by how much against the best
 * of the other side (API vs self-host), and the assumption it leans on most. Computed once, in the
 * projection; every surface shows its `text` first. Pure.
 */
import type { ModeCosts } from '../engine/agentic';
import { formatPercent } from '../format';
import { usdWithRange } from '../format-range';
import type { SelfHostModeRanges } from './self-host-range';

export type Mode = keyof ModeCosts;

export interface VerdictLabels {
  /** The API side, e.g. "the API you used (Claude Sonnet 4.5)" or "the API (DeepSeek V3.2 · deepinfra)". */
  api: string;
  /** The self-hosted side, e.g. "DeepSeek V3.2 on 8×NVIDIA B200". */
  selfHost: string;
  /** The utilization the self-host price assumes; null when unknown. */
  utilization: number | null;
  /** Set when the self-hosted model is not the one the API side prices (e.g. your traces' model). */
  otherModel: string | null;
}

export interface Verdict {
  cheapest: Mode;
  usd: number;
  /** The best option of the other side, to compare with; null when that side is unpriced. */
  versus: { mode: Mode; usd: number } | null;
  /** versus / cheapest; null when there is nothing to compare with or the cheapest is $0. */
  ratio: number | null;
  leansOn: string;
  /**
   * The self-host side's range (its throughput band) reaches past the other side's figure, so either
   * could be the cheaper; null when there is no range or nothing to compare with.
   */
  uncertain: boolean | null;
  text: string;
}

const MODE_WORDS: Record<Mode, string> = {
  apiNoCache: 'the API without cache',
  apiCached: 'the API with cached input',
  selfHostReuse: 'self-hosting with prefix reuse',
  selfHostNoReuse: 'self-hosting without prefix reuse',
};

export const isSelfHost = (m: Mode): boolean => m === 'selfHostReuse' || m === 'selfHostNoReuse';

function best(costs: ModeCosts, modes: readonly Mode[]): { mode: Mode; usd: number } | null {
  let out: { mode: Mode; usd: number } | null = null;
  for (const m of modes) {
    const v = costs[m];
    if (v !== null && Number.isFinite(v) && (out === null || v < out.usd)) out = { mode: m, usd: v };
  }
  return out;
}

/** `ranges`: the self-host modes' ranges at this k (project's `ranges.perTask`); absent or null: no band, no "≈". */
export function verdictOf(costs: ModeCosts, k: number, cache: boolean, labels: VerdictLabels, ranges?: SelfHostModeRanges): Verdict | null {
  const api = best(costs, cache ? ['apiCached', 'apiNoCache'] : ['apiNoCache']);
  const sh = best(costs, cache ? ['selfHostReuse', 'selfHostNoReuse'] : ['selfHostNoReuse']);
  const win = api && sh ? (sh.usd < api.usd ? sh : api) : (api ?? sh);
  if (!win) return null;
  const other = win === sh ? api : sh;
  const ratio = other && win.usd > 0 ? other.usd / win.usd : null;
  const selfHostWins = isSelfHost(win.mode);
  // a self-host figure is an estimate: "≈$x ($lo–$hi)" where its band gives a range
  const rangeOf = (m: Mode) => (isSelfHost(m) ? (ranges?.[m as keyof SelfHostModeRanges] ?? null) : null);
  const usd = (m: Mode, v: number) => usdWithRange(v, rangeOf(m));
  const shRange = sh ? rangeOf(sh.mode) : null;
  const uncertain = shRange && api && sh ? shRange[0] <= api.usd && api.usd <= shRange[1] : null;
  const leansOn = selfHostWins
    ? `if the replica stays ${formatPercent(labels.utilization)} busy${labels.otherModel ? `; ${labels.otherModel}` : ''}`
    : win.mode === 'apiCached'
      ? "if the provider's cache serves the repeated part of each prompt"
      : 'at list prices, nothing cached';
  const who = selfHostWins ? `Self-hosting ${labels.selfHost}` : labels.api.charAt(0).toUpperCase() + labels.api.slice(1);
  const vs = other ? ` vs ${usd(other.mode, other.usd)} ${isSelfHost(other.mode) ? `self-hosting ${labels.selfHost}` : `on ${labels.api}`}${ratio !== null ? ` (${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×)` : ''}` : ' (the other side is unpriced)';
  const close = uncertain ? ' Within the self-host estimate\'s range either side could be cheaper.' : '';
  const text = `${who} is cheapest at k = ${k}: ${usd(win.mode, win.usd)} per task (${MODE_WORDS[win.mode]})${vs}, ${leansOn}.${close}`;
  return { cheapest: win.mode, usd: win.usd, versus: other, ratio, leansOn, uncertain, text };
}
