/**
 * The panel's starting controls from the settings: default model / provider / GPU, utilization,
 * overhead and k. Pure.
 */
import type { Catalog } from '../../core/catalog/schema';
import { defaultControls } from '../../core/panel/snapshot';
import { AUTO_PROVIDER, type Config } from '../../shared/config';
import type { PanelControls } from '../../shared/protocol';

export function controlsFromConfig(cat: Catalog, config: Config, hasTraces: boolean): PanelControls {
  const d = defaultControls(cat, hasTraces);
  return {
    ...d,
    model: config.defaultModel,
    provider: config.defaultProvider === AUTO_PROVIDER ? d.provider : config.defaultProvider,
    gpu: config.defaultGpu,
    utilization: config.utilization,
    overhead: config.overhead,
    kMax: Math.min(500, Math.max(d.kMax, config.k)),
  };
}

/** The API provider for a single projection (a prompt file): `auto` is the article's provider. */
export function apiProviderFromConfig(cat: Catalog, config: Config): string {
  return config.defaultProvider === AUTO_PROVIDER ? cat.agentic.provider : config.defaultProvider;
}
