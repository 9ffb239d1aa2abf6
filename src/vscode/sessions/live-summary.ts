/**
 * The running session in a line (pure): calls so far, the current task's k, its cost so far on the
 * API (as billed: observed cache) and self-hosted under the current scenario, and a tooltip with
 * the burn rate over the last 5 and 60 minutes and the session total. Totals come from
 * sessionTotals and per-call costs from taskCosts, the functions the CLI uses. Self-host figures
 * say "≈" and give their range (self-host-range.ts, worded by format-range.ts) where the rates have a band.
 */
import { AGENT_LABELS, type AgentId } from '../../core/discovery';
import { sessionTotals } from '../../core/discovery/session-totals';
import { formatUsd } from '../../core/format';
import { approxUsd, usdWithRange } from '../../core/format-range';
import { modeRanges, selfHostRange, type SelfHostModeRanges } from '../../core/pipeline/self-host-range';
import type { RatioBand } from '../../core/perf/uncertainty';
import type { FileAnalysis } from '../../core/inference/analyze';
import { taskCosts, type PriceOf } from '../../core/inference/task-costs';
import type { SelfHostRates } from '../../core/engine/agentic';
import type { Task } from '../../core/traces/model';
import { burnRate, type BurnRate, type TimedCost } from './burn-rate';

export const BURN_WINDOWS_MINUTES = [5, 60] as const;

export interface LiveSummary {
  agent: AgentId;
  path: string;
  calls: number;
  /** Calls of the current (last) task. */
  currentTaskK: number | null;
  apiBilled: number | null;
  selfHost: number | null;
  /** The session total's self-host costs as ranges (null: no band). */
  selfHostRanges: SelfHostModeRanges;
  /** The throughput band of the self-host rates (`ratesBand`), for the burn rates' ranges; null: none. */
  band: RatioBand | null;
  burn: { minutes: number; api: BurnRate; selfHost: BurnRate }[];
  totals: ReturnType<typeof sessionTotals>;
  tasks: number;
}

type Measure = FileAnalysis['tasks'][number]['perCall'][number];

/** Calls newer than `from`, newest first: walks back from the end and stops after a run of older calls. */
function recentCalls(f: FileAnalysis, parsed: readonly Task[], from: number, costOf: (m: Measure) => ReturnType<typeof taskCosts>): { api: TimedCost[]; selfHost: TimedCost[] } {
  const api: TimedCost[] = [];
  const selfHost: TimedCost[] = [];
  let older = 0;
  for (let ti = f.tasks.length - 1; ti >= 0 && older < 200; ti--) {
    const t = f.tasks[ti]!;
    const calls = parsed[ti]?.calls ?? [];
    for (let ci = t.perCall.length - 1; ci >= 0 && older < 200; ci--) {
      const timestamp = calls[ci]?.timestamp ?? null;
      const at = timestamp ? Date.parse(timestamp) : NaN;
      if (!(at > from)) {
        older++;
        continue;
      }
      older = 0;
      const c = costOf(t.perCall[ci]!);
      api.push({ timestamp, cost: c.apiCachedObserved });
      selfHost.push({ timestamp, cost: c.selfHostReuse });
    }
  }
  return { api, selfHost };
}

export function liveSummary(agent: AgentId, f: FileAnalysis, parsed: readonly Task[], priceOf: PriceOf, selfHost: SelfHostRates | null, band: RatioBand | null, nowMs: number): LiveSummary {
  const totals = sessionTotals(f);
  const longest = Math.max(...BURN_WINDOWS_MINUTES);
  const recent = recentCalls(f, parsed, nowMs - longest * 60_000, (m) => taskCosts([m], priceOf, selfHost));
  const last = f.tasks[f.tasks.length - 1];
  return {
    agent,
    path: f.path,
    calls: totals.calls ?? 0,
    currentTaskK: last ? last.calls : null,
    apiBilled: totals.cost?.apiCachedObserved ?? null,
    selfHost: totals.cost?.selfHostReuse ?? null,
    selfHostRanges: totals.cost ? modeRanges(totals.cost, band) : { selfHostReuse: null, selfHostNoReuse: null },
    band,
    burn: BURN_WINDOWS_MINUTES.map((minutes) => ({ minutes, api: burnRate(recent.api, nowMs, minutes), selfHost: burnRate(recent.selfHost, nowMs, minutes) })),
    totals,
    tasks: f.tasks.length,
  };
}

const perHour = (b: BurnRate) => (b.perHour === null ? 'unpriced' : `${formatUsd(b.perHour)}/h`);
const selfHostPerHour = (b: BurnRate, band: RatioBand | null) => (b.perHour === null ? 'unpriced' : `${usdWithRange(b.perHour, selfHostRange(b.perHour, band))}/h`);

export function liveStatusText(s: LiveSummary): { text: string; tooltip: string } {
  const text = `$(pulse) ${s.calls} calls · k ${s.currentTaskK ?? '—'} · API ${formatUsd(s.apiBilled)} · self-host ${approxUsd(s.selfHost, s.selfHostRanges.selfHostReuse)}`;
  const c = s.totals.cost;
  const tooltip = [
    `AgentCost: ${AGENT_LABELS[s.agent]} session being written now`,
    s.path,
    '',
    `Calls so far: ${s.calls} in ${s.tasks} task(s); current task k = ${s.currentTaskK ?? '—'}`,
    `Cost so far: API as billed (observed cache) ${formatUsd(s.apiBilled)}; self-hosted (current scenario, prefix reuse) ${usdWithRange(s.selfHost, s.selfHostRanges.selfHostReuse)}`,
    ...s.burn.map((b) => `Last ${b.minutes} min (${b.api.calls} calls): API ${perHour(b.api)}, self-host ${selfHostPerHour(b.selfHost, s.band)}`),
    `Session total: API no cache ${formatUsd(c?.apiNoCache)}, cached ${formatUsd(c?.apiCached)}, billed ${formatUsd(c?.apiCachedObserved)}; self-host with reuse ${usdWithRange(c?.selfHostReuse, s.selfHostRanges.selfHostReuse)}, without ${usdWithRange(c?.selfHostNoReuse, s.selfHostRanges.selfHostNoReuse)}`,
    '',
    'Click to open the cost panel on this session.',
  ].join('\n');
  return { text, tooltip };
}
