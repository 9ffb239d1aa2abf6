/**
 * A prompt file's costs from the settings: the core's `promptCosts` (src/core/pipeline/prompt.ts)
 * fed with the default scenario, the saved scenarios, agentcost.k and the traces analyzed in this
 * window. Pure.
 */
import type { Catalog } from '../../core/catalog/schema';
import { findModel } from '../../core/catalog/lookup';
import { promptCosts, type PromptCosts } from '../../core/pipeline/prompt';
import type { PriceChoice } from '../../core/pipeline/pricing';
import type { Workload } from '../../core/pipeline/workload';
import type { Config } from '../../shared/config';

export type { PromptCosts, ScenarioCost } from '../../core/pipeline/prompt';

/** The settings' current choice: what the status bar, hover, CodeLens and a new panel price with. */
export function choiceFromConfig(config: Config): PriceChoice {
  return { model: config.defaultModel, provider: config.defaultProvider, gpu: config.defaultGpu, utilization: config.utilization, overhead: config.overhead };
}

export function promptCostsFromConfig(cat: Catalog, config: Config, tokens: number, traces: Workload | null): PromptCosts {
  return promptCosts(cat, { tokens, choice: choiceFromConfig(config), saved: config.scenarios, traces, userK: config.k });
}

/** The display name of a catalog model id (the id itself when the catalog does not know it). */
export function modelName(cat: Catalog, id: string): string {
  return findModel(cat, id)?.name ?? id;
}
