/**
 * The panel's parts issue 13 added: the model and GPU pickers marked measured/estimated, the cheapest
 * open model × GPU table and the hybrid routing line. The numbers come from pipeline/ranking.ts and
 * pipeline/hybrid-summary.ts, the same functions `agentcost analyze --rank --json` prints. Pure.
 */
import type { Catalog } from '../catalog/schema';
import { findArch, findGpuSpec, hardwareCatalog, hasHardwareCatalog } from '../catalog/arch';
import { findModel, gpuOffer } from '../catalog/lookup';
import type { FileAnalysis } from '../inference/analyze';
import { hybridSummary } from '../pipeline/hybrid-summary';
import { projectionApi, type Pricing } from '../pipeline/pricing';
import { rankSelfHost } from '../pipeline/ranking';
import type { Answer } from '../pipeline/answer';
import type { Workload } from '../pipeline/workload';
import type { ControlOptions, HybridView, PanelControls, RankingView } from './view';

/** Rows of the ranking the panel shows. */
export const RANKING_PANEL_ROWS = 15;

/** Catalog models with measured vLLM runs, then every model of the architecture tables (estimated). */
export function modelOptions(cat: Catalog): ControlOptions['models'] {
  const measured = new Set(cat.baselines.map((b) => findArch(b.model)?.id ?? b.model.toLowerCase()));
  const out = cat.models.map((m) => {
    const own = findArch(m.throughputModel)?.id ?? m.throughputModel.toLowerCase();
    return { id: m.id, label: `${m.name} (${measured.has(own) ? 'measured' : 'estimated'})` };
  });
  const seen = new Set(out.map((o) => findArch(o.id)?.id ?? o.id));
  if (hasHardwareCatalog()) for (const a of hardwareCatalog().models) if (!seen.has(a.id)) out.push({ id: a.id, label: `${a.name} (estimated)` });
  return out;
}

/** Every catalog GPU: measured where vLLM runs were measured on it, no price where the catalog has none. */
export function gpuOptions(cat: Catalog): ControlOptions['gpus'] {
  const measured = new Set(cat.baselines.map((b) => findGpuSpec(b.gpu)?.id ?? b.gpu.toLowerCase()));
  return cat.gpus.map((g) => ({ id: g.id, label: `${g.name} (${measured.has(findGpuSpec(g.id)?.id ?? g.id) ? 'measured' : 'estimated'}${gpuOffer(cat, g.id) ? '' : ', no price'})` }));
}

export function rankingView(cat: Catalog, workload: Workload, a: Answer, pricing: Pricing, controls: PanelControls, utilization: number | undefined, overhead: number | undefined): RankingView {
  const r = rankSelfHost(cat, {
    workload,
    k: { k: a.k, source: a.kSource, label: a.kLabel },
    cache: pricing.cache,
    utilization,
    overhead,
    current: { model: findModel(cat, controls.model)?.id ?? controls.model, gpu: pricing.scenario.gpu },
  });
  return { ...r, rows: r.rows.slice(0, RANKING_PANEL_ROWS), total: r.rows.length, excluded: r.excluded.length };
}

export function hybridView(cat: Catalog, priced: readonly FileAnalysis[], pricing: Pricing): HybridView | null {
  if (priced.length === 0) return null;
  return hybridSummary(priced, projectionApi(cat, pricing, priced).api, pricing.selfHost);
}
