/**
 * What the cost panel shows and the messages between its webview and the extension host: types and
 * constants only, no zod, so the core, the host and the webview bundle all import it. The host's
 * zod schema of webview → host messages is src/vscode/panel/messages.ts (the host alone parses).
 * src/shared/protocol.ts re-exports this file for both bundles.
 */
import type { Distribution } from '../inference/task-stats';
import type { TaskCosts } from '../inference/task-costs';
import type { TaskFields } from '../inference/task-fields';
import type { KSource } from '../pipeline/k-source';
import type { RankingResult, RankingRow } from '../pipeline/ranking-types';
import type { HybridSummary } from '../pipeline/hybrid-text';

export const PROTOCOL_VERSION = 1;

/** The largest k the panel plots (the kMax control's bound). */
export const K_MAX_LIMIT = 500;

/** What the user can change in the panel; every field has a default on the host. */
export interface PanelControls {
  model: string;
  /** A provider id, or EACH_CALL_PRICE (src/core/pipeline/each-call.ts). */
  provider: string;
  gpu: string;
  utilization: number;
  overhead: number;
  kMax: number;
  cache: boolean;
  appendOutputs: boolean;
}

export const CHART_IDS = ['timeline', 'figure1', 'figure2', 'figure3', 'figure4'] as const;
export type ChartId = (typeof CHART_IDS)[number];

/** Webview → host (the host parses each with its zod schema and drops what is malformed). */
export type WebviewToHost =
  | { type: 'ready'; protocol: number }
  | { type: 'setControls'; controls: Partial<PanelControls> }
  | { type: 'selectTask'; taskKey: string }
  | { type: 'exportReport'; kind: 'markdown' | 'csv' }
  /** A chart rendered by the webview, to be saved by the host: a PNG data URL. */
  | { type: 'exportChart'; chart: ChartId; kind: 'png'; data: string };


export type { Status } from '../tags';
import type { Status } from '../tags';

export interface AssumptionView {
  id: string;
  label: string;
  value: string;
  status: Status;
  source: string;
  date: string;
}

/** Mean and nearest-rank percentiles, as the core computes them. */
export type DistributionView = Distribution;

/** $ per task in the five modes (null = not computable), as the core computes them. */
export type CostsView = TaskCosts;

/** A task's row: the fields every front end reports (CLI JSON included), plus where it comes from. */
export interface TaskRowView extends TaskFields {
  /** Unique across files: `${fileIndex}:${taskId}`. */
  key: string;
  file: string;
  cost: CostsView;
  /** The self-host costs as [low, high] under the throughput band (null: no band), as `agentcost analyze --json` gives them. */
  costRange: { selfHostReuse: [number, number] | null; selfHostNoReuse: [number, number] | null };
}

export interface WorkloadView {
  tasks: number;
  k: DistributionView;
  initialInputTokens: DistributionView;
  meanOutputTokens: DistributionView;
  meanNewInputTokens: DistributionView;
  repeatedFraction: DistributionView;
  observedCachedFraction: DistributionView;
  /** Where the numbers came from: "recorded usage", "our tokenizer (o200k_base)", "assumed default". */
  tokenSources: string[];
}

export interface TimelineView {
  taskKey: string;
  calls: { index: number; repeated: number | null; newInput: number | null; output: number | null; subagent: boolean }[];
}

export interface AgenticRowView {
  k: number;
  apiNoCache: number | null;
  apiCached: number | null;
  selfHostReuse: number | null;
  selfHostNoReuse: number | null;
}

/** [low, high] of a self-host figure under the throughput band (src/core/pipeline/self-host-range.ts); null: no band. */
export type RangeView = [number, number] | null;

/** Crossover k with the band's fastest rates, then its slowest; null at an end: none up to k max. */
export type KRangeView = [number | null, number | null];

export interface Figure4View {
  rows: AgenticRowView[];
  /** Per row, the self-host modes as ranges (Figure 4's band). */
  rowRanges: { k: number; selfHostReuse: RangeView; selfHostNoReuse: RangeView }[];
  crossoverK: { vsApiNoCache: number | null; vsApiCached: number | null };
  /** crossoverK as ranges; null without a band. */
  crossoverKRange: { vsApiNoCache: KRangeView; vsApiCached: KRangeView } | null;
  /** The user's own k (mean over the analyzed tasks), marked on the chart; null for a hand-made scenario. */
  userK: number | null;
  /** The k of the scenario table and the verdict (the one default-k rule), and which rule gave it. */
  k: number;
  kSource: KSource;
  kLabel: string;
  params: { initialInput: number; perStepOutput: number; newInputPerStep: number; repeatedFraction: number; appendOutputs: boolean };
  /** "from your traces" or "the article's Tau2 parameters". */
  paramsSource: string;
}

export interface Figure1Row {
  model: string;
  workload: string;
  apiPerM: number | null;
  selfHostPerM: number | null;
  selfHostPerMRange: RangeView;
  cheaper: 'api' | 'selfHost' | null;
}

export interface Figure2Point {
  model: string;
  utilization: number;
  selfHostPerM: number | null;
  selfHostPerMRange: RangeView;
  apiPerM: number | null;
}

export interface Figure3Row {
  model: string;
  archetype: string;
  breakEvenUtilization: number | null;
  zone: 'green' | 'yellow' | 'red' | null;
  breakEvenUtilizationRange: RangeView;
  /** The range reaches another zone than the point's; null without a range. */
  uncertainZone: boolean | null;
}

export interface ScenarioRowView {
  name: string;
  apiNoCache: number | null;
  apiCached: number | null;
  selfHostReuse: number | null;
  selfHostNoReuse: number | null;
  /** The self-host columns as ranges; null: no band. */
  selfHostReuseRange: RangeView;
  selfHostNoReuseRange: RangeView;
  cheapest: string | null;
}

export interface ControlOptions {
  /** Every catalog model; the label says whether its self-host rates are measured or estimated. */
  models: { id: string; label: string }[];
  providers: string[];
  gpus: { id: string; label: string }[];
}

/** The cheapest open model × GPU table (pipeline/ranking.ts): its first rows, with how many there are. */
export interface RankingView extends Omit<RankingResult, 'rows' | 'excluded'> {
  rows: RankingRow[];
  /** Rows ranked in all (`agentcost analyze --rank --json` lists every one). */
  total: number;
  /** Combinations not ranked (no GPU price, too large, context too long). */
  excluded: number;
}

/** API only, self-host only and routed totals over the analyzed tasks (pipeline/hybrid-summary.ts). */
export type HybridView = HybridSummary;

export interface DiagnosticView {
  file: string;
  line: number | null;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** Files a folder scan found and did not read (core/panel/skipped.ts). */
export interface SkippedView {
  /** e.g. "Skipped 2 path(s): 2 not a trace format". */
  summary: string;
  /** One per file: "<path>: <why>". */
  lines: string[];
}

export interface PanelSnapshot {
  protocol: number;
  title: string;
  subject: { kind: 'trace' | 'folder' | 'prompt' | 'scenario'; label: string };
  controls: PanelControls;
  options: ControlOptions;
  /** The answer first: the cheapest option at this k, by how much, and what it leans on; null when nothing is priced. */
  verdict: string | null;
  workload: WorkloadView | null;
  tasks: TaskRowView[];
  /** Tokens and observed cost over every task (the same line `agentcost analyze` prints as its summary totals); null without traces. */
  totals: string | null;
  selectedTask: string | null;
  timeline: TimelineView | null;
  figure1: Figure1Row[];
  figure2: Figure2Point[];
  figure3: Figure3Row[];
  /** Figure 3's zone limits (the catalog's): green ≤ greenMax < yellow ≤ yellowMax < red. */
  zones: { greenMax: number; yellowMax: number };
  figure4: Figure4View;
  scenarios: ScenarioRowView[];
  /** Cheapest self-host deployments for the projected workload; null when there is none to rank for. */
  ranking: RankingView | null;
  /** Hybrid routing of the analyzed tasks; null without traces or with no task priced both ways. */
  hybrid: HybridView | null;
  assumptions: AssumptionView[];
  /** True when any number on the panel depends on an estimated assumption. */
  dependsOnEstimates: boolean;
  problems: string[];
  diagnostics: DiagnosticView[];
  /** What a folder scan skipped and why; null when nothing was (or for a single file). */
  skipped: SkippedView | null;
  /** Milliseconds the host took to compute this snapshot (shown small, measured in the benchmark). */
  computeMs: number;
}

export type HostToWebview =
  | { type: 'snapshot'; snapshot: PanelSnapshot }
  | { type: 'busy'; message: string }
  | { type: 'error'; message: string };
