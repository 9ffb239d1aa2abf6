import type { Catalog } from '../catalog/schema';
import { findApiOffer, findModel } from '../catalog/lookup';
import { dependsOnEstimates, type Assumption } from '../assumptions';
import type { ApiPrices } from '../engine/api-cost';
import { agenticTable, crossoverK, type AgenticParams, type SelfHostRates } from '../engine/agentic';
import { breakEven, utilizationCurve, utilizationSteps, workloadCost, type WorkloadCostRow } from '../figures/single-pass';
import { taskFields, type FileAnalysis } from '../inference/analyze';
import { traceModelPricing } from '../inference/pricing';
import { summarize } from '../inference/summary';
import { distribution } from '../inference/task-stats';
import { taskCosts } from '../inference/task-costs';
import { resolveScenario, type ResolvedScenario, type Scenario } from '../scenario';
import type {
  AssumptionView,
  PanelControls,
  PanelSnapshot,
  ScenarioRowView,
  TaskRowView,
  TimelineView,
  WorkloadView,
} from '../../shared/protocol';
import { PROTOCOL_VERSION } from '../../shared/protocol';

/** The API provider value that prices every call at its own model's price (what the trace's author pays). */
export const TRACE_PROVIDER = 'trace';

export interface PanelInput {
  subject: PanelSnapshot['subject'];
  /** Analyzed traces (per-call measures kept, so a control change only re-prices). */
  files?: readonly FileAnalysis[];
  /** A prompt file's token count: the initial input of the projected task. */
  prompt?: { tokens: number; exact: boolean; encoding: string } | null;
  /** The user's saved scenarios (settings), compared in the scenario table. */
  scenarios?: readonly (Scenario & { name?: string })[];
  /** The tokenizer used where traces record no usage. */
  encoding?: string;
}

export function defaultControls(cat: Catalog, hasTraces: boolean): PanelControls {
  return {
    model: cat.agentic.model,
    provider: hasTraces ? TRACE_PROVIDER : cat.agentic.provider,
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

const noCacheDiscount = (p: ApiPrices | null): ApiPrices | null => (p ? { ...p, cachedInputPerM: null } : null);

function withoutReuse(rows: ReturnType<typeof agenticTable>) {
  return rows.map((r) => ({ ...r, apiCached: r.apiNoCache, selfHostReuse: r.selfHostNoReuse }));
}

/** The API prices used for projections when calls are priced at their own models: the most used model's. */
function dominantModelPrices(cat: Catalog, files: readonly FileAnalysis[]): ApiPrices | null {
  const counts = new Map<string, number>();
  for (const f of files) for (const t of f.tasks) for (const c of t.perCall) if (c.model) counts.set(c.model, (counts.get(c.model) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!top) return null;
  const found = findApiOffer(cat, top);
  return 'offer' in found ? { ...found.offer, minCacheableTokens: null } : null;
}

function scenarioRow(name: string, params: AgenticParams, k: number, s: ResolvedScenario, cache: boolean): ScenarioRowView {
  const api = cache ? s.api : noCacheDiscount(s.api);
  const sh: SelfHostRates | null = s.selfHost;
  const rows = agenticTable(params, k, api, sh);
  const r = (cache ? rows : withoutReuse(rows))[k - 1]!;
  const options: [string, number | null][] = [
    ['API, no cache', r.apiNoCache],
    ['API, cached', r.apiCached],
    ['self-host, reuse', r.selfHostReuse],
    ['self-host, no reuse', r.selfHostNoReuse],
  ];
  const known = options.filter((o): o is [string, number] => o[1] !== null).sort((a, b) => a[1] - b[1]);
  return { name, apiNoCache: r.apiNoCache, apiCached: r.apiCached, selfHostReuse: r.selfHostReuse, selfHostNoReuse: r.selfHostNoReuse, cheapest: known[0]?.[0] ?? null };
}

/**
 * Everything the panel shows, computed in the extension host from the core: the webview only renders.
 * Pure: the same inputs give the same snapshot (but computeMs).
 */
export function buildSnapshot(cat: Catalog, input: PanelInput, controls: PanelControls, selectedTask: string | null): PanelSnapshot {
  const started = performance.now();
  const files = input.files ?? [];
  const tracePricing = controls.provider === TRACE_PROVIDER && files.length > 0;
  const apiProvider = controls.provider === TRACE_PROVIDER ? cat.agentic.provider : controls.provider;
  // a control left at the article's value keeps the article as its source
  const d = cat.selfHostDefaults;
  const s = resolveScenario(cat, {}, {
    model: controls.model,
    provider: apiProvider,
    gpu: controls.gpu,
    utilization: controls.utilization === d.utilization ? undefined : controls.utilization,
    overhead: controls.overhead === d.overhead ? undefined : controls.overhead,
    origin: 'panel control',
  });
  const selfHost = s.selfHost;

  // --- tasks, re-priced for the controls
  const { priceOf } = traceModelPricing(cat);
  const scenarioApi = controls.cache ? s.api : noCacheDiscount(s.api);
  const tasks: TaskRowView[] = files.flatMap((f, fi) =>
    f.tasks.map((t) => {
      const cost = taskCosts(t.perCall, tracePricing ? (c) => (controls.cache ? priceOf(c) : noCacheDiscount(priceOf(c))) : () => scenarioApi, selfHost);
      if (!controls.cache) {
        cost.apiCached = cost.apiNoCache;
        cost.selfHostReuse = cost.selfHostNoReuse;
      }
      return {
        key: `${fi}:${t.id}`,
        file: f.path,
        ...taskFields(t),
        cost,
      };
    }),
  );

  // --- workload and its projection
  const projectionApi = tracePricing ? dominantModelPrices(cat, files) : s.api;
  const summary = files.length ? summarize(files, projectionApi, selfHost, controls.kMax) : null;
  let workload: WorkloadView | null = null;
  if (summary && summary.tasks > 0) {
    const all = files.flatMap((f) => f.tasks);
    const sources = new Set(all.map((t) => t.tokenSource));
    workload = {
      tasks: summary.tasks,
      k: summary.k,
      initialInputTokens: summary.initialInputTokens,
      meanOutputTokens: summary.meanOutputTokens,
      meanNewInputTokens: summary.meanNewInputTokens,
      repeatedFraction: summary.repeatedFraction,
      observedCachedFraction: distribution(all.map((t) => t.observedCachedFraction)),
      tokenSources: [
        ...(sources.has('recorded') || sources.has('mixed') ? ['recorded usage'] : []),
        ...(sources.has('tokenizer') || sources.has('mixed') ? [`our tokenizer (${input.encoding ?? 'o200k_base'})`] : []),
        ...(sources.has('scaled') ? ['our tokenizer scaled to the totals the trace records'] : []),
        ...(sources.has('none') ? ['unknown (no usage and no prompt recorded)'] : []),
      ],
    };
  }
  const ag = cat.agentic;
  const fromTraces = summary?.projection ?? null;
  const params: AgenticParams = fromTraces
    ? { ...fromTraces, appendOutputs: controls.appendOutputs }
    : {
        initialInput: input.prompt?.tokens ?? ag.initialInput,
        perStepOutput: ag.perStepOutput,
        newInputPerStep: ag.newInputPerStep,
        repeatedFraction: ag.repeatedFraction,
        appendOutputs: controls.appendOutputs,
      };
  const paramsSource = fromTraces ? 'from your traces' : input.prompt ? 'I0 from your prompt file; O, Δ, r: the article\'s Tau2 parameters' : 'the article\'s Tau2 parameters';
  const api4 = controls.cache ? projectionApi : noCacheDiscount(projectionApi);
  let rows = agenticTable(params, controls.kMax, api4, selfHost);
  if (!controls.cache) rows = withoutReuse(rows);

  // --- single-pass figures for the selected model and the article's
  const models = [...new Set([findModel(cat, controls.model)?.id ?? controls.model, ...cat.article.models])];
  const perModel = models.map((m) => (m === s.model ? s : resolveScenario(cat, {}, { model: m, provider: apiProvider, gpu: controls.gpu, utilization: controls.utilization, overhead: controls.overhead })));
  const figure1 = perModel.flatMap((ms) => cat.article.figure1Workloads.map((w) => workloadCost(cat, ms, w)).filter((r): r is WorkloadCostRow => r !== null));
  const figure2 = perModel.flatMap((ms) => utilizationCurve(cat, ms, 'sharegpt', utilizationSteps(0.3, 1, 0.05)));
  const figure3 = perModel.flatMap((ms) => cat.archetypes.filter((a) => a.workloads.length > 0).map((a) => breakEven(cat, ms, a.id, a.workloads)));

  // --- scenario comparison at the user's k
  const userK = summary?.k.mean ?? null;
  const kCompare = Math.max(1, Math.round(userK ?? 10));
  const current = tracePricing ? { ...s, api: projectionApi, name: `your traces' model prices vs self-hosted ${s.name.split(' vs ')[1] ?? controls.gpu}` } : s;
  const scenarios: ScenarioRowView[] = [scenarioRow(`Current: ${current.name}`, params, kCompare, current, controls.cache)];
  for (const sc of input.scenarios ?? []) {
    const rs = resolveScenario(cat, sc, { utilization: undefined }, `scenario "${sc.name ?? 'unnamed'}"`);
    scenarios.push(scenarioRow(sc.name ?? rs.name, params, kCompare, rs, controls.cache));
  }

  // --- timeline of the selected task
  const allTasks = files.flatMap((f, fi) => f.tasks.map((t) => ({ key: `${fi}:${t.id}`, t })));
  const chosen = allTasks.find((x) => x.key === selectedTask) ?? allTasks.slice().sort((a, b) => b.t.calls - a.t.calls)[0];
  const timeline: TimelineView | null = chosen
    ? {
        taskKey: chosen.key,
        calls: chosen.t.perCall.map((c, i) => ({
          index: i + 1,
          repeated: c.repeated,
          newInput: c.input === null || c.repeated === null ? c.input : c.input - c.repeated,
          output: c.output,
          subagent: c.isSubagent,
        })),
      }
    : null;

  const assumptions = s.assumptions;
  // the other models only feed Figures 1-3: say so, so a problem there is not read as one of the scenario's
  const figureProblems = perModel.filter((m) => m !== s).flatMap((m) => m.problems.map((p) => `Figures 1–3, ${findModel(cat, m.model)?.name ?? m.model}: ${p}`));
  const problems = [...new Set([...s.problems, ...figureProblems])];
  const titleBase = input.subject.label;
  return {
    protocol: PROTOCOL_VERSION,
    title: `AgentCost: ${titleBase}`,
    subject: input.subject,
    controls,
    options: {
      models: cat.models.map((m) => ({ id: m.id, label: m.name })),
      providers: [...(files.length ? [TRACE_PROVIDER] : []), ...new Set(cat.apiOffers.map((o) => o.provider))],
      gpus: cat.gpus.map((g) => ({ id: g.id, label: g.name })),
    },
    workload,
    tasks,
    selectedTask: chosen?.key ?? null,
    timeline,
    figure1: figure1.map((r) => ({ model: r.model, workload: r.workload, apiPerM: r.apiPerM, selfHostPerM: r.selfHostPerM, cheaper: r.cheaper })),
    figure2: figure2.map((p) => ({ model: p.model, utilization: p.utilization, selfHostPerM: p.selfHostPerM, apiPerM: p.apiPerM })),
    figure3: figure3.map((r) => ({ model: r.model, archetype: r.archetype, breakEvenUtilization: r.breakEvenUtilization, zone: r.zone })),
    figure4: { rows, crossoverK: crossoverK(rows), userK, params, paramsSource },
    scenarios,
    assumptions: [
      ...assumptions.map(assumptionView),
      ...(tracePricing ? [{ id: 'api.tracePricing', label: 'API prices of the tasks', value: 'each call at its own model\'s price', status: 'confirmed' as const, source: 'pricing snapshot (see `agentcost prices --model <id>`)', date: '' }] : []),
    ],
    dependsOnEstimates: dependsOnEstimates(assumptions),
    problems,
    diagnostics: files.flatMap((f) => f.diagnostics.map((d) => ({ file: f.path, line: d.line, severity: d.severity, message: d.message }))),
    computeMs: performance.now() - started,
  };
}
