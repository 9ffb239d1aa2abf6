import { z } from 'zod';

/**
 * confirmed = verbatim from its source; derived = arithmetic on confirmed values; estimated =
 * inferred; user = supplied by the user (settings, --catalog files): every overlay entry is set to
 * `user` whatever status it claims (see applyOverlay), so a cloned repository cannot show a made-up
 * price as confirmed.
 */
export const Status = z.enum(['confirmed', 'derived', 'estimated', 'user']);
export type Status = z.infer<typeof Status>;

/**
 * Sane ranges for every number a user can supply (catalog files, settings, scenarios): a value far
 * outside them (1e-300, 1e308) is a typo or an attack, and would print 1e+297 or overflow to
 * Infinity downstream; zod refuses it naming the field. Generous: ten to a thousand times past any
 * real price, GPU rate or throughput today.
 */
export const RANGES = {
  /** $ per million tokens: 0 (free) or $0.000001 … $100,000. */
  usdPerMTokens: { min: 1e-6, max: 1e5 },
  /** Tokens per second, token counts of a benchmark run, and scaling multipliers. */
  rate: { min: 1e-6, max: 1e9 },
  /** $ per GPU-hour. */
  usdPerGpuHour: { min: 1e-4, max: 1e4 },
  /** GPUs in one replica. */
  gpuCount: { max: 4096 },
  /** Tokens (minimum cacheable prefix). */
  tokens: { max: 1e9 },
} as const;

/** A price per million tokens: 0, or within RANGES.usdPerMTokens. */
export const usdPerMTokens = z
  .number()
  .finite()
  .nonnegative()
  .max(RANGES.usdPerMTokens.max)
  .refine((v) => v === 0 || v >= RANGES.usdPerMTokens.min, { message: `a price per million tokens must be 0 or at least ${RANGES.usdPerMTokens.min}` });
/** A positive rate within RANGES.rate. */
export const positiveRate = z.number().finite().min(RANGES.rate.min).max(RANGES.rate.max);
export const usdPerGpuHour = z.number().finite().min(RANGES.usdPerGpuHour.min).max(RANGES.usdPerGpuHour.max);
export const gpuCount = z.number().int().positive().max(RANGES.gpuCount.max);
export const tokenThreshold = z.number().int().nonnegative().max(RANGES.tokens.max);

const price = usdPerMTokens;
const rate = positiveRate;

/** Where a value came from. Every catalog entry carries one; outputs repeat it. */
export const Provenance = z.object({
  status: Status,
  source: z.string().min(1),
  date: z.string().min(1),
  note: z.string().optional(),
});
export type Provenance = z.infer<typeof Provenance>;

export const ModelEntry = Provenance.extend({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Which model's vLLM baselines stand in for this one (GLM-4.7 uses GLM-4.6's). */
  throughputModel: z.string().min(1),
  /** Ids the pricing dataset and providers use for it. */
  apiModelIds: z.array(z.string()).default([]),
  /** The GPU the article scaled its B200 estimate from. */
  articleBaseGpu: z.string().optional(),
});
export type ModelEntry = z.infer<typeof ModelEntry>;

export const ApiOffer = Provenance.extend({
  provider: z.string().min(1),
  model: z.string().min(1),
  providerModelId: z.string().optional(),
  variant: z.string().optional(),
  preferred: z.boolean().optional(),
  inputPerM: price,
  /** null: the provider publishes no cache-read price, so there is no cache discount. */
  cachedInputPerM: price.nullable().default(null),
  /** null: cache writes cost the input price. */
  cacheWritePerM: price.nullable().default(null),
  cacheWrite1hPerM: price.nullable().default(null),
  outputPerM: price,
  /** Prices above a context threshold, where the provider tiers them, in words. */
  tierNote: z.string().optional(),
  /**
   * Long-context tiers: a request whose prompt is over `above` tokens pays these prices for ALL its
   * tokens (lookup.ts offerForPrompt).
   */
  tiers: z
    .array(
      z.object({
        above: z.number().int().nonnegative(),
        inputPerM: price,
        cachedInputPerM: price.nullable(),
        cacheWritePerM: price.nullable(),
        cacheWrite1hPerM: price.nullable(),
        outputPerM: price,
      }),
    )
    .optional(),
  /** The date the price was asked for (a call's date), when prices change over time. */
  pricedAt: z.string().optional(),
  /** Start of the dated price set in force on `pricedAt` (or today); absent when the data has one price set. */
  priceSetSince: z.string().optional(),
  /** For the first of several dated price sets: the date the next one starts. */
  priceSetBefore: z.string().optional(),
});
export type ApiOffer = z.infer<typeof ApiOffer>;

export const CachePolicy = Provenance.extend({
  provider: z.string().min(1),
  minCacheableTokens: tokenThreshold.nullable(),
});
export type CachePolicy = z.infer<typeof CachePolicy>;

export const GpuEntry = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
});
export type GpuEntry = z.infer<typeof GpuEntry>;

export const GpuOffer = Provenance.extend({
  gpu: z.string().min(1),
  usdPerGpuHour,
  provider: z.string().min(1),
  kind: z.string().min(1),
  preferred: z.boolean().optional(),
});
export type GpuOffer = z.infer<typeof GpuOffer>;

export const Baseline = Provenance.extend({
  model: z.string().min(1),
  measuredModel: z.string().optional(),
  gpu: z.string().min(1),
  gpuCount,
  engine: z.string().min(1),
  serveCommand: z.string().optional(),
  workload: z.string().min(1),
  totalTokPerS: rate,
  inputTokPerS: rate,
  outputTokPerS: rate,
  reqPerS: rate.optional(),
  meanPromptTokens: rate,
  meanCompletionTokens: rate,
  concurrency: z.number().positive().nullable().optional(),
  /** A run not comparable with the saturated ones (e.g. limited concurrency): kept for reference, not fitted. */
  excludeFromFit: z.boolean().optional(),
});
export type Baseline = z.infer<typeof Baseline>;

export const Scaling = Provenance.extend({
  from: z.string().min(1),
  to: z.string().min(1),
  prefill: rate,
  decode: rate,
});
export type Scaling = z.infer<typeof Scaling>;

export const Workload = Provenance.extend({
  id: z.string().min(1),
  name: z.string().min(1),
  /** null: variable-length dataset; the measured means of each model's run are used. */
  promptTokens: z.number().nonnegative().nullable(),
  completionTokens: z.number().nonnegative().nullable(),
});
export type Workload = z.infer<typeof Workload>;

export const Archetype = Provenance.extend({
  id: z.string().min(1),
  name: z.string().min(1),
  workloads: z.array(z.string()),
  kRange: z.tuple([z.number().int().positive(), z.number().int().positive()]).nullable(),
});
export type Archetype = z.infer<typeof Archetype>;

export const AgenticDefaults = Provenance.extend({
  initialInput: z.number().nonnegative(),
  perStepOutput: z.number().nonnegative(),
  newInputPerStep: z.number().nonnegative(),
  repeatedFraction: z.number().min(0).max(1),
  model: z.string(),
  provider: z.string(),
  label: z.string(),
  kPlotted: z.tuple([z.number().int(), z.number().int()]),
  kExtrapolated: z.number().int(),
});
export type AgenticDefaults = z.infer<typeof AgenticDefaults>;

export const SelfHostDefaults = Provenance.extend({
  utilization: z.number().gt(0).max(1),
  overhead: z.number().nonnegative(),
  utilizationSweep: z.tuple([z.number(), z.number()]),
  zones: z.object({ greenMax: z.number(), yellowMax: z.number() }),
});
export type SelfHostDefaults = z.infer<typeof SelfHostDefaults>;

export const ArticleSetup = Provenance.extend({
  gpu: z.string(),
  models: z.array(z.string()),
  provider: z.string(),
  figure1Workloads: z.array(z.string()),
});

/** The catalog's keyed lists: the shipped catalog has them all, an overlay any of them. */
const CatalogLists = z.object({
  models: z.array(ModelEntry),
  apiOffers: z.array(ApiOffer),
  cachePolicies: z.array(CachePolicy),
  gpus: z.array(GpuEntry),
  gpuOffers: z.array(GpuOffer),
  baselines: z.array(Baseline),
  scaling: z.array(Scaling),
  workloads: z.array(Workload),
  archetypes: z.array(Archetype),
});

export const Catalog = z.object({
  version: z.literal(1),
  snapshotDate: z.string(),
  ...CatalogLists.shape,
  agentic: AgenticDefaults,
  selfHostDefaults: SelfHostDefaults,
  article: ArticleSetup,
});
export type Catalog = z.infer<typeof Catalog>;

/**
 * What a user may layer over the shipped catalog (extension settings, `--catalog FILE`): any list
 * entry added or replaced (same key replaces), nothing required.
 */
export const CatalogOverlay = CatalogLists.partial().strict();
export type CatalogOverlay = z.infer<typeof CatalogOverlay>;
