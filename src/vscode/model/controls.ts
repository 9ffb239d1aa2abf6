/**
 * The panel's starting controls from the settings: default model / provider / GPU, utilization,
 * overhead and k. Pure.
 */
import type { Catalog } from '../../core/catalog/schema';
import { defaultControls } from '../../core/panel/snapshot';
import type { Config } from '../../shared/config';
import type { PanelControls } from '../../shared/protocol';

export function controlsFromConfig(cat: Catalog, config: Config, hasTraces: boolean): PanelControls {
  const d = defaultControls(cat, hasTraces);
  return {
    ...d,
    model: config.defaultModel,
    provider: config.defaultProvider,
    gpu: config.defaultGpu,
    utilization: config.utilization,
    overhead: config.overhead,
    kMax: Math.min(500, Math.max(d.kMax, config.k)),
  };
}
