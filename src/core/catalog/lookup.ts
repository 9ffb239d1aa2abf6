import type { ApiOffer, Baseline, CachePolicy, Catalog, GpuEntry, GpuOffer, ModelEntry, Scaling, Workload } from './schema';
import { datasetOffer } from './pricing-dataset';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function findModel(cat: Catalog, id: string): ModelEntry | undefined {
  return cat.models.find((m) => same(m.id, id)) ?? cat.models.find((m) => m.apiModelIds.some((a) => same(a, id)));
}

export function findGpu(cat: Catalog, id: string): GpuEntry | undefined {
  return cat.gpus.find((g) => same(g.id, id) || g.aliases.some((a) => same(a, id)));
}

export function findWorkload(cat: Catalog, id: string): Workload | undefined {
  return cat.workloads.find((w) => same(w.id, id));
}

export type OfferLookup = { offer: ApiOffer } | { unpriced: string };

/**
 * The API price of a model: our own catalog entries first (the article's DeepInfra prices, the
 * official DeepSeek API), then the pricing dataset. Unknown models are "unpriced", never $0.
 */
/**
 * Spellings of one model id across tools: `google/gemini-3-pro` (OpenRouter), `deepseek.deepseek-chat`
 * (Bedrock), `qwen3:32b` (Ollama) all name a model the catalog or dataset knows without the prefix.
 */
export function modelIdVariants(modelId: string): string[] {
  const out = [modelId];
  const afterSlash = modelId.slice(modelId.lastIndexOf('/') + 1);
  out.push(afterSlash);
  const dot = afterSlash.indexOf('.');
  if (dot > 0 && !/^\d/.test(afterSlash.slice(dot + 1))) out.push(afterSlash.slice(dot + 1));
  if (afterSlash.includes(':')) out.push(afterSlash.replace(/:/g, '-'));
  return [...new Set(out.filter(Boolean))];
}

export function findApiOffer(cat: Catalog, modelId: string, provider?: string | null, variant?: string | null, at?: Date): OfferLookup {
  for (const id of modelIdVariants(modelId)) {
    const found = findApiOfferExact(cat, id, provider, variant, at);
    if ('offer' in found) return id === modelId ? found : { offer: { ...found.offer, note: `${found.offer.note ? found.offer.note + ' ' : ''}Matched "${modelId}" as "${id}".` } };
  }
  // "vendor/model" with no provider recorded is how OpenRouter names models (LiteLLM logs keep that id)
  if (!provider && modelId.includes('/')) {
    const viaRouter = findApiOfferExact(cat, modelId, 'openrouter', variant, at);
    if ('offer' in viaRouter) return { offer: { ...viaRouter.offer, note: `No provider recorded: priced at OpenRouter, whose naming "${modelId}" follows.` } };
  }
  const where = provider ? ` at provider "${provider}"` : '';
  return { unpriced: `no API price for model "${modelId}"${where} in the catalog or in the pricing dataset` };
}

function findApiOfferExact(cat: Catalog, modelId: string, provider?: string | null, variant?: string | null, at?: Date): OfferLookup {
  const model = findModel(cat, modelId);
  const canonical = model?.id ?? modelId;
  const ours = cat.apiOffers.filter(
    (o) => same(o.model, canonical) && (!provider || same(o.provider, provider)) && (!variant || same(o.variant ?? '', variant)),
  );
  const pick = ours.find((o) => o.preferred) ?? ours[0];
  if (pick) return { offer: pick };
  const candidates = [modelId, ...(model?.apiModelIds ?? [])];
  for (const c of candidates) {
    const offer = datasetOffer(c, provider, at);
    if (offer) return { offer: { ...offer, model: canonical } };
  }
  const where = provider ? ` at provider "${provider}"` : '';
  return { unpriced: `no API price for model "${modelId}"${where} in the catalog or in the pricing dataset` };
}

/**
 * The offer's prices for one request with a prompt of `promptTokens`: where the provider tiers prices by
 * context length, crossing a threshold prices the WHOLE request at the tier's prices, not just the excess.
 */
export function offerForPrompt(offer: ApiOffer, promptTokens: number | null): ApiOffer {
  if (!offer.tiers?.length || promptTokens === null) return offer;
  let tier: NonNullable<ApiOffer['tiers']>[number] | null = null;
  for (const t of offer.tiers) if (promptTokens > t.above) tier = t;
  if (!tier) return offer;
  const { above, ...prices } = tier;
  return { ...offer, ...prices, note: `${offer.note ? offer.note + ' ' : ''}Prompt over ${above} tokens: long-context prices for the whole request.` };
}

export function cachePolicy(cat: Catalog, provider: string): CachePolicy | undefined {
  return cat.cachePolicies.find((c) => same(c.provider, provider));
}

export function gpuOffer(cat: Catalog, gpuId: string): GpuOffer | undefined {
  const offers = cat.gpuOffers.filter((o) => same(o.gpu, gpuId));
  return offers.find((o) => o.preferred) ?? offers[0];
}

export function baselinesFor(cat: Catalog, throughputModel: string, gpuId: string): Baseline[] {
  return cat.baselines.filter((b) => same(b.model, throughputModel) && same(b.gpu, gpuId));
}

export interface ScalingStep {
  prefill: number;
  decode: number;
  /** The catalog entries used (an inverse or a two-step chain is derived from them). */
  from: Scaling[];
  inverted: boolean;
}

/** GPU-to-GPU throughput multipliers: a direct entry, its inverse, or a two-step chain. */
export function findScaling(cat: Catalog, from: string, to: string): ScalingStep | undefined {
  if (same(from, to)) return { prefill: 1, decode: 1, from: [], inverted: false };
  const direct = cat.scaling.find((s) => same(s.from, from) && same(s.to, to));
  if (direct) return { prefill: direct.prefill, decode: direct.decode, from: [direct], inverted: false };
  const inverse = cat.scaling.find((s) => same(s.from, to) && same(s.to, from));
  if (inverse) return { prefill: 1 / inverse.prefill, decode: 1 / inverse.decode, from: [inverse], inverted: true };
  for (const mid of cat.gpus) {
    if (same(mid.id, from) || same(mid.id, to)) continue;
    const a = cat.scaling.find((s) => same(s.from, from) && same(s.to, mid.id));
    const b = cat.scaling.find((s) => same(s.from, mid.id) && same(s.to, to));
    if (a && b) return { prefill: a.prefill * b.prefill, decode: a.decode * b.decode, from: [a, b], inverted: false };
  }
  return undefined;
}
