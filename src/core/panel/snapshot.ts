/**
 * Everything the panel shows, computed in the extension host from the core's pipeline (measure →
 * price → project): the webview only renders. Small builders do the parts (tasks.ts,
 * workload-view.ts, scenarios.ts, figures/set.ts); this file puts them together. Pure: the same
 * inputs give the same snapshot (but computeMs).
 */
import { fileSpend, sumSpend, totalsLine } from '../inference/token-totals';
import type { Catalog } from '../catalog/schema';
import { findGpu, findModel } from '../catalog/lookup';
import { dependsOnEstimates, type Assumption } from '../assumptions';
import { singlePassFigures } from '../figures/set';
import type { FileMeasures } from '../inference/analyze';
import { answer } from '../pipeline/answer';
import { ratesBand } from '../pipeline/self-host-range';
import { EACH_CALL_LABEL, EACH_CALL_PRICE, makePricing, priceFile } from '../pipeline/pricing';
import { articleWorkload, promptWorkload, traceWorkload, type Workload } from '../pipeline/workload';
import { resolveScenario, type Scenario } from '../scenario';
import { savedScenarioRow, scenarioRow } from './scenarios';
import { taskRows, timeline } from './tasks';
import { workloadView } from './workload-view';
import { skippedView } from './skipped';
import type { Skipped } from '../traces/walk';
import { gpuOptions, hybridView, modelOptions, rankingView } from './ranking-view';
import type { AssumptionView, PanelControls, PanelSnapshot } from './view';
import { PROTOCOL_VERSION } from './view';

export interface PanelInput {
  subject: PanelSnapshot['subject'];
  /** Measured traces (no prices: a control change only re-prices them). */
  files?: readonly FileMeasures[];
  /** A prompt file's token count: the initial input of the projected task. */
  prompt?: { tokens: number; exact: boolean; encoding: string } | null;
  /** The traces analyzed in this window: a prompt's O, Δ, r and k come from them, as in the hover. */
  windowTraces?: Workload | null;
  /** agentcost.k (0: not set). */
  userK?: number;
  /** The user's saved scenarios (settings), compared in the scenario table. */
  scenarios?: readonly (Scenario & { name?: string })[];
  /** The tokenizer used where traces record no usage. */
  encoding?: string;
  /** Files a folder scan found and did not read (shown with why). */
  skipped?: readonly Skipped[];
}

export function defaultControls(cat: Catalog, hasTraces: boolean): PanelControls {
  return {
    model: cat.agentic.model,
    provider: EACH_CALL_PRICE,
    gpu: cat.article.gpu,
    utilization: cat.selfHostDefaults.utilization,
    overhead: cat.selfHostDefaults.overhead,
    kMax: 30,
    cache: true,
    appendOutputs: hasTraces,
  };
}

function assumptionView(a: Assumption): AssumptionView {
  return { id: a.id, label: a.label, value: a.value === null ? 'n/a' : `${a.value}${a.unit ? ` ${a.unit}` : ''}`, status: a.status, source: a.source, date: a.date };
}

/** The workload a subject projects: its traces, else its prompt (with the window's traces), else the article's. */
export function panelWorkload(cat: Catalog, input: PanelInput, appendOutputs: boolean): Workload {
  const files = input.files ?? [];
  const w = (files.length ? traceWorkload(files) : null) ?? (input.prompt ? promptWorkload(cat, input.prompt.tokens, input.windowTraces ?? null) : articleWorkload(cat));
  return { ...w, params: { ...w.params, appendOutputs } };
}

export function buildSnapshot(cat: Catalog, input: PanelInput, controls: PanelControls, selectedTask: string | null): PanelSnapshot {
  const started = performance.now();
  const files = input.files ?? [];
  // a control left at the article's value keeps the article as its source
  const d = cat.selfHostDefaults;
  const utilization = controls.utilization === d.utilization ? undefined : controls.utilization;
  const overhead = controls.overhead === d.overhead ? undefined : controls.overhead;
  const pricing = makePricing(cat, { model: controls.model, provider: controls.provider, gpu: controls.gpu, utilization, overhead, origin: 'panel control', cache: controls.cache });
  const s = pricing.scenario;
  const tracePricing = pricing.eachCall && files.length > 0;

  const workload = panelWorkload(cat, input, controls.appendOutputs);
  const a = answer(cat, { workload, pricing, files, userK: input.userK, kMax: controls.kMax });
  const k = { k: a.k, source: a.kSource, label: a.kLabel };

  const gpuName = findGpu(cat, s.gpu)?.name ?? s.gpu;
  const currentName = tracePricing ? `your traces' model prices vs self-hosted ${gpuName}` : s.name;
  const scenarios = [scenarioRow(`Current: ${currentName}`, a.perTask, a.ranges.perTask)];
  const scenarioProblems: string[] = [];
  for (const sc of input.scenarios ?? []) {
    const r = savedScenarioRow(cat, sc, workload, k, controls.cache);
    scenarios.push(r.row);
    scenarioProblems.push(...r.problems);
  }

  // Figures 1–3: the selected model and the article's
  const apiProvider = pricing.eachCall ? cat.agentic.provider : controls.provider;
  const models = [...new Set([findModel(cat, controls.model)?.id ?? controls.model, ...cat.article.models])];
  const perModel = models.map((m) => (m === s.model ? s : resolveScenario(cat, {}, { model: m, provider: apiProvider, gpu: controls.gpu, utilization: controls.utilization, overhead: controls.overhead })));
  const figs = singlePassFigures(cat, perModel);
  // the other models only feed Figures 1-3: say so, so a problem there is not read as one of the scenario's
  const figureProblems = perModel.filter((m) => m !== s).flatMap((m) => m.problems.map((p) => `Figures 1–3, ${findModel(cat, m.model)?.name ?? m.model}: ${p}`));
  const problems = [...new Set([...s.problems, ...a.problems, ...scenarioProblems, ...figureProblems])];

  const priced = files.map((f) => priceFile(f, pricing));
  const tl = timeline(files, selectedTask);
  return {
    protocol: PROTOCOL_VERSION,
    title: `AgentCost: ${input.subject.label}`,
    subject: input.subject,
    controls,
    options: {
      models: modelOptions(cat),
      providers: [EACH_CALL_PRICE, ...new Set(cat.apiOffers.map((o) => o.provider))],
      gpus: gpuOptions(cat),
    },
    verdict: a.verdict?.text ?? null,
    workload: workloadView(files, input.encoding ?? 'o200k_base'),
    tasks: taskRows(priced, ratesBand(cat, s)),
    totals: priced.some((f) => f.tasks.length > 0) ? totalsLine(sumSpend(priced.map(fileSpend))) : null,
    selectedTask: tl?.taskKey ?? null,
    timeline: tl,
    figure1: figs.figure1.map((r) => ({ model: r.model, workload: r.workload, apiPerM: r.apiPerM, selfHostPerM: r.selfHostPerM, selfHostPerMRange: r.selfHostPerMRange, cheaper: r.cheaper })),
    figure2: figs.figure2.map((p) => ({ model: p.model, utilization: p.utilization, selfHostPerM: p.selfHostPerM, selfHostPerMRange: p.selfHostPerMRange, apiPerM: p.apiPerM })),
    figure3: figs.figure3.map((r) => ({ model: r.model, archetype: r.archetype, breakEvenUtilization: r.breakEvenUtilization, zone: r.zone, breakEvenUtilizationRange: r.breakEvenUtilizationRange, uncertainZone: r.uncertainZone })),
    zones: figs.zones,
    figure4: { rows: a.rows.slice(0, controls.kMax), rowRanges: a.ranges.rows.slice(0, controls.kMax), crossoverK: a.crossoverK, crossoverKRange: a.ranges.crossoverK, userK: workload.tracesK, k: a.k, kSource: a.kSource, kLabel: a.kLabel, params: a.params, paramsSource: a.paramsSource },
    scenarios,
    ranking: rankingView(cat, workload, a, pricing, controls, utilization, overhead),
    hybrid: hybridView(cat, priced, pricing),
    assumptions: [
      ...s.assumptions.map(assumptionView),
      ...(tracePricing ? [{ id: 'api.tracePricing', label: 'API prices of the tasks', value: EACH_CALL_LABEL, status: 'confirmed' as const, source: 'pricing snapshot (see `agentcost prices --model <id>`)', date: '' }] : []),
    ],
    dependsOnEstimates: dependsOnEstimates(s.assumptions),
    problems,
    diagnostics: files.flatMap((f) => f.diagnostics.map((dg) => ({ file: f.path, line: dg.line, severity: dg.severity, message: dg.message }))),
    skipped: skippedView(input.skipped ?? []),
    computeMs: performance.now() - started,
  };
}
