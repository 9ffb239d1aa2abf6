/**
 * Messages between the cost panel's webview and the extension host, both directions, as zod
 * schemas (the host parses every inbound message and drops what is malformed: the webview is an
 * untrusted channel) and TypeScript types (the webview imports types only, so zod stays out of
 * its bundle). The host sends complete snapshots, never deltas.
 */
import { z } from 'zod';
import type { Distribution } from '../core/inference/task-stats';
import type { TaskCosts } from '../core/inference/task-costs';
import type { TaskFields } from '../core/inference/analyze';

export const PROTOCOL_VERSION = 1;

/** What the user can change in the panel; every field has a default on the host. */
export const PanelControls = z
  .object({
    model: z.string().min(1).max(200),
    provider: z.string().min(1).max(200),
    gpu: z.string().min(1).max(100),
    utilization: z.number().finite().gt(0).max(1),
    overhead: z.number().finite().min(0).max(10),
    kMax: z.number().int().min(1).max(500),
    cache: z.boolean(),
    appendOutputs: z.boolean(),
  })
  .strict();
export type PanelControls = z.infer<typeof PanelControls>;

export const ExportKind = z.enum(['markdown', 'csv', 'svg', 'png']);
export type ExportKind = z.infer<typeof ExportKind>;

export const ChartId = z.enum(['timeline', 'figure1', 'figure2', 'figure3', 'figure4']);
export type ChartId = z.infer<typeof ChartId>;

/** Webview → host. */
export const WebviewToHost = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), protocol: z.number().int() }).strict(),
  z.object({ type: z.literal('setControls'), controls: PanelControls.partial() }).strict(),
  z.object({ type: z.literal('selectTask'), taskKey: z.string().max(2000) }).strict(),
  z.object({ type: z.literal('exportReport'), kind: z.enum(['markdown', 'csv']) }).strict(),
  /** A chart rendered by the webview, to be saved by the host: SVG text or a PNG data URL. */
  z
    .object({
      type: z.literal('exportChart'),
      chart: ChartId,
      kind: z.enum(['svg', 'png']),
      data: z.string().max(20 * 1024 * 1024),
    })
    .strict(),
]);
export type WebviewToHost = z.infer<typeof WebviewToHost>;

// ---- Host → webview. Types only here (the host builds them; the webview renders them). ----

export type Status = 'confirmed' | 'derived' | 'estimated' | 'user';

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

export interface Figure4View {
  rows: AgenticRowView[];
  crossoverK: { vsApiNoCache: number | null; vsApiCached: number | null };
  /** The user's own k (mean over the analyzed tasks), marked on the chart; null for a hand-made scenario. */
  userK: number | null;
  /** The k of the scenario table and the verdict (the one default-k rule), and which rule gave it. */
  k: number;
  kSource: 'traces' | 'user' | 'catalog';
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
  cheaper: 'api' | 'selfHost' | null;
}

export interface Figure2Point {
  model: string;
  utilization: number;
  selfHostPerM: number | null;
  apiPerM: number | null;
}

export interface Figure3Row {
  model: string;
  archetype: string;
  breakEvenUtilization: number | null;
  zone: 'green' | 'yellow' | 'red' | null;
}

export interface ScenarioRowView {
  name: string;
  apiNoCache: number | null;
  apiCached: number | null;
  selfHostReuse: number | null;
  selfHostNoReuse: number | null;
  cheapest: string | null;
}

export interface ControlOptions {
  models: { id: string; label: string }[];
  providers: string[];
  gpus: { id: string; label: string }[];
}

export interface DiagnosticView {
  file: string;
  line: number | null;
  severity: 'error' | 'warning' | 'info';
  message: string;
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
  selectedTask: string | null;
  timeline: TimelineView | null;
  figure1: Figure1Row[];
  figure2: Figure2Point[];
  figure3: Figure3Row[];
  /** Figure 3's zone limits (the catalog's): green ≤ greenMax < yellow ≤ yellowMax < red. */
  zones: { greenMax: number; yellowMax: number };
  figure4: Figure4View;
  scenarios: ScenarioRowView[];
  assumptions: AssumptionView[];
  /** True when any number on the panel depends on an estimated assumption. */
  dependsOnEstimates: boolean;
  problems: string[];
  diagnostics: DiagnosticView[];
  /** Milliseconds the host took to compute this snapshot (shown small, measured in the benchmark). */
  computeMs: number;
}

export type HostToWebview =
  | { type: 'snapshot'; snapshot: PanelSnapshot }
  | { type: 'busy'; message: string }
  | { type: 'error'; message: string };
