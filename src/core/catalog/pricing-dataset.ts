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

/** The price of one key for a prompt of `promptTokens`: the highest tier it crosses applies to the whole request. */
function priceAt(v: ModelPrice[string], promptTokens: number): number | null {
  if (typeof v === 'number') return v;
  if (!v || typeof v !== 'object' || !('base' in v) || typeof v.base !== 'number') return null;
  let p = v.base;
  for (const t of (v as { tiers?: { start: number; price: number }[] }).tiers ?? []) if (promptTokens > t.start) p = t.price;
  return p;
}

/** Every long-context tier of a price set, as whole-request prices above each threshold. */
function tiersOf(price: ModelPrice): NonNullable<ApiOffer['tiers']> {
  const starts = new Set<number>();
  for (const v of Object.values(price)) {
    if (v && typeof v === 'object' && 'tiers' in v && Array.isArray(v.tiers)) for (const t of v.tiers as { start: number }[]) starts.add(t.start);
  }
  const out: NonNullable<ApiOffer['tiers']> = [];
  for (const above of [...starts].sort((a, b) => a - b)) {
    const input = priceAt(price.input_mtok, above + 1);
    const output = priceAt(price.output_mtok, above + 1);
    if (input === null || output === null) continue;
    out.push({
      above,
      inputPerM: input,
      cachedInputPerM: priceAt(price.cache_read_mtok, above + 1),
      cacheWritePerM: priceAt(price.cache_write_mtok, above + 1),
      cacheWrite1hPerM: priceAt(price.cache_write_1h_mtok, above + 1),
      outputPerM: output,
    });
  }
  return out;
}

/**
 * Which dated price set is in force on `at` (the dataset's own rule: the latest that has started):
 * its start date, or, for the first set, the date the next one starts. Empty when prices are not dated.
 */
function priceSetDates(prices: unknown, at: Date): { since?: string; before?: string } {
  if (!Array.isArray(prices)) return {};
  let next: string | undefined;
  for (let i = prices.length - 1; i >= 0; i--) {
    const c = (prices[i] as { constraint?: { type?: string; start_date?: string } }).constraint;
    if (c === undefined) return next ? { before: next } : {};
    if (c.type === 'start_date' && c.start_date) {
      if (at >= new Date(c.start_date)) return { since: c.start_date };
      next = c.start_date;
    }
  }
  return next ? { before: next } : {};
}

/**
 * The dataset's offer for a model id (as a trace or user writes it), optionally at one provider and
 * at the price in force on a date (a call's date; default today). Returns null when the dataset does
 * not know the model: the caller reports it as unpriced.
 */
export function datasetOffer(modelId: string, provider?: string | null, at?: Date): ApiOffer | null {
  let result: ReturnType<GenAiPrices['calcPrice']>;
  const when = at && !Number.isNaN(at.getTime()) ? at : undefined;
  try {
    result = genaiPrices().calcPrice({ input_tokens: 0, output_tokens: 0 }, modelId, { ...(provider ? { providerId: provider } : {}), ...(when ? { timestamp: when } : {}) });
  } catch {
    return null;
  }
  if (!result) return null;
  const price = result.model_price;
  const input = base(price.input_mtok);
  const output = base(price.output_mtok);
  if (input === null || output === null) return null;
  const tiers = tiersOf(price);
  const { since, before } = priceSetDates(result.model.prices, when ?? new Date());
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
    source: `${DATASET_SOURCE}: provider "${result.provider.id}", model "${result.model.id}"${since ? `, prices in force since ${since}` : before ? `, prices in force before ${before}` : ''}`,
    date: PRICING_DATASET.published,
    ...(tiers.length ? { tiers, tierNote: tiers.map((t) => `over ${t.above} prompt tokens the whole request pays input $${t.inputPerM}/1M, output $${t.outputPerM}/1M`).join('; ') } : {}),
    ...(when ? { pricedAt: when.toISOString().slice(0, 10) } : {}),
    ...(since ? { priceSetSince: since } : {}),
    ...(before ? { priceSetBefore: before } : {}),
  };
}
