import type { ModelPrice } from '@pydantic/genai-prices';
import type { ApiOffer } from './schema';

/**
 * Prices for the models people's traces use (Claude, GPT, Gemini, DeepSeek...) come from
 * @pydantic/genai-prices, pinned to an exact version: its bundled data is our dated snapshot and it
 * is never asked to update (no network). Chosen over LiteLLM's JSON and models.dev/tokenlens for
 * its model-id matching rules (dated ids such as claude-sonnet-4-5-20250929 resolve), cache-write
 * and 1-hour cache-write prices, and context tiers. See README "Pricing data".
 */
export const PRICING_DATASET = {
  name: '@pydantic/genai-prices',
  version: '0.1.8',
  published: '2026-09-23',
} as const;

// Loaded on first lookup, not at startup: its bundled data costs ~45 MB of heap, and most commands
// (and the extension's activation) never price a model outside our own catalog.
type GenAiPrices = typeof import('@pydantic/genai-prices');
let lib: GenAiPrices | null = null;
function genaiPrices(): GenAiPrices {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (lib ??= require('@pydantic/genai-prices') as GenAiPrices);
}

const DATASET_SOURCE = `${PRICING_DATASET.name} ${PRICING_DATASET.version} (data published ${PRICING_DATASET.published})`;

function base(v: ModelPrice[string]): number | null {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'base' in v && typeof v.base === 'number') return v.base;
  return null;
}

function tiers(price: ModelPrice): string | undefined {
  const parts: string[] = [];
  for (const key of ['input_mtok', 'output_mtok'] as const) {
    const v = price[key];
    if (v && typeof v === 'object' && 'tiers' in v && Array.isArray(v.tiers) && v.tiers.length > 0) {
      const t = v.tiers[0] as { start: number; price: number };
      parts.push(`${key === 'input_mtok' ? 'input' : 'output'} $${t.price}/1M above ${t.start} prompt tokens`);
    }
  }
  return parts.length ? `Tiered: ${parts.join(', ')}; the base price is used.` : undefined;
}

/**
 * The dataset's offer for a model id (as a trace or user writes it), optionally at one provider.
 * Returns null when the dataset does not know the model: the caller reports it as unpriced.
 */
export function datasetOffer(modelId: string, provider?: string | null): ApiOffer | null {
  let result: ReturnType<GenAiPrices['calcPrice']>;
  try {
    result = genaiPrices().calcPrice({ input_tokens: 0, output_tokens: 0 }, modelId, provider ? { providerId: provider } : {});
  } catch {
    return null;
  }
  if (!result) return null;
  const price = result.model_price;
  const input = base(price.input_mtok);
  const output = base(price.output_mtok);
  if (input === null || output === null) return null;
  const tierNote = tiers(price);
  return {
    provider: result.provider.id,
    model: modelId,
    providerModelId: result.model.id,
    inputPerM: input,
    cachedInputPerM: base(price.cache_read_mtok),
    cacheWritePerM: base(price.cache_write_mtok),
    cacheWrite1hPerM: base(price.cache_write_1h_mtok),
    outputPerM: output,
    status: 'confirmed',
    source: `${DATASET_SOURCE}: provider "${result.provider.id}", model "${result.model.id}"`,
    date: PRICING_DATASET.published,
    ...(tierNote ? { tierNote } : {}),
  };
}
