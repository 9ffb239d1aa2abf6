/**
 * The pipeline's last step put together for a front end: a workload priced by one `Pricing` and
 * projected at the default-k rule's k, with the verdict's names. The panel's "Current" row and
 * Figure 4, the hover, CodeLens and status bar, and `agentcost prompt` all call `answer`. Pure.
 */
import type { Catalog } from '../catalog/schema';
import { findGpu, findModel } from '../catalog/lookup';
import type { FileMeasures } from '../inference/analyze';
import { projectionApi, type Pricing } from './pricing';
import { project, type Projection } from './project';
import type { VerdictLabels } from './verdict';
import { ratesBand } from './self-host-range';
import { chooseK, type Workload } from './workload';

export interface AnswerRequest {
  workload: Workload;
  pricing: Pricing;
  /** The measured traces behind the workload (each-call pricing projects at their dominant model). */
  files?: readonly FileMeasures[] | undefined;
  /** The user's k (agentcost.k, `--k`); 0 or null: not set. */
  userK?: number | null | undefined;
  userKLabel?: string | undefined;
  kMax?: number | undefined;
}

export interface Answer extends Projection {
  /** The model whose API prices the projection used (each-call pricing: the traces' dominant model). */
  apiModel: string | null;
}

const modelName = (cat: Catalog, id: string): string => findModel(cat, id)?.name ?? id;

export function verdictLabels(cat: Catalog, p: Pricing, apiModel: string | null, fromTraces: boolean): VerdictLabels {
  const s = p.scenario;
  const gpu = findGpu(cat, s.gpu)?.name ?? s.gpu;
  const count = s.economics?.gpuCount;
  const usedApi = p.eachCall && fromTraces;
  const sameModel = apiModel !== null && (findModel(cat, apiModel)?.id ?? apiModel) === s.model;
  return {
    api: usedApi ? `the API you used (${apiModel === null ? 'model unknown' : modelName(cat, apiModel)})` : `the API (${modelName(cat, s.model)} · ${s.provider ?? 'any provider'})`,
    selfHost: `${modelName(cat, s.model)} on ${count ? `${count}×` : ''}${gpu}`,
    utilization: s.economics?.utilization ?? null,
    otherModel: usedApi && !sameModel ? 'a different model than the one in your traces' : null,
  };
}

export function answer(cat: Catalog, req: AnswerRequest): Answer {
  const files = req.files ?? [];
  const { api, model } = projectionApi(cat, req.pricing, files);
  const k = chooseK(cat, req.workload, req.userK, req.userKLabel);
  const labels = verdictLabels(cat, req.pricing, model, files.length > 0);
  const projection = project({ workload: req.workload, k, kMax: req.kMax, api, selfHost: req.pricing.selfHost, cache: req.pricing.cache, labels, band: ratesBand(cat, req.pricing.scenario) });
  return { ...projection, apiModel: model };
}
