/**
 * The catalog overlays the settings describe, in the order they apply (a later one replaces an
 * earlier entry with the same key): catalog files, then agentcost.catalog.overlay, then the
 * imported vLLM baselines (agentcost.catalog.baselines), then agentcost.gpuPrices. Pure.
 */
import type { Baseline, CatalogOverlay, GpuOffer } from '../../core/catalog/schema';
import type { Config } from '../../shared/config';

/** agentcost.gpuPrices as GPU offers: each becomes the preferred price of its GPU. */
export function gpuPriceOffers(prices: Readonly<Record<string, number>>): GpuOffer[] {
  return Object.entries(prices).map(([gpu, usd]) => ({
    gpu,
    usdPerGpuHour: usd,
    provider: 'your setting',
    kind: 'agentcost.gpuPrices',
    preferred: true,
    status: 'user' as const,
    source: 'your setting agentcost.gpuPrices',
    date: 'your setting',
  }));
}

export function settingsOverlays(config: Pick<Config, 'catalogOverlay' | 'baselines' | 'gpuPrices'>, fileOverlays: readonly CatalogOverlay[] = []): CatalogOverlay[] {
  const out: CatalogOverlay[] = [...fileOverlays];
  if (Object.keys(config.catalogOverlay).length) out.push(config.catalogOverlay);
  if (config.baselines.length) out.push({ baselines: config.baselines });
  const gpuOffers = gpuPriceOffers(config.gpuPrices);
  if (gpuOffers.length) out.push({ gpuOffers });
  return out;
}

const baselineKey = (b: Baseline) => `${b.model}|${b.gpu}|${b.gpuCount}|${b.workload}`.toLowerCase();

/** Earlier baselines with the new ones replacing those with the same key (the catalog's baseline key). */
export function mergeBaselines(existing: readonly Baseline[], added: readonly Baseline[]): Baseline[] {
  const keys = new Set(added.map(baselineKey));
  return [...existing.filter((b) => !keys.has(baselineKey(b))), ...added];
}
