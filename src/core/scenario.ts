import { z } from 'zod';
import { gpuCount, positiveRate, tokenThreshold, usdPerGpuHour, usdPerMTokens, type Catalog, type Provenance } from './catalog/schema';
import { cachePolicy, findApiOffer, findGpu, findModel, gpuOffer } from './catalog/lookup';
import { assumption, type Assumption } from './assumptions';
import { validateApiPrices, type ApiPrices } from './engine/api-cost';
import { costPerReplicaSecond, validateRates, type SelfHostEconomics } from './engine/selfhost-cost';
import type { SelfHostRates } from './engine/agentic';
import { resolveThroughput, type ReplicaThroughput } from './engine/throughput';
import type { PerfOptions } from './perf/as-throughput';
import { whereItFits } from './perf/where-fits';

const price = usdPerMTokens;

/**
 * A scenario: the CLI's `--scenario FILE` and one entry of the extension's `agentcost.scenarios`
 * setting. Every field is optional where model / provider / gpu supply it from the catalog.
 */
export const Scenario = z
  .object({
    name: z.string().optional(),
    model: z.string().optional(),
    provider: z.string().optional(),
    gpu: z.string().optional(),
    api: z
      .object({
        inputPerM: price.optional(),
        /** Missing with no model to take it from, or null: no cache discount. */
        cachedInputPerM: price.nullable().optional(),
        /** Missing or null: cache writes cost the input price. */
        cacheWritePerM: price.nullable().optional(),
        outputPerM: price.optional(),
        minCacheableTokens: tokenThreshold.nullable().optional(),
      })
      .strict()
      .optional(),
    selfHost: z
      .object({
        prefillTokPerS: positiveRate.optional(),
        decodeTokPerS: positiveRate.optional(),
        gpuCount: gpuCount.optional(),
        usdPerGpuHour: usdPerGpuHour.optional(),
        /** At least 0.1 %: below that a GPU is idle, and dividing by 1e-300 would print 1e+297. */
        utilization: z.number().finite().min(0.001).max(1).optional(),
        /** At most 10× the GPU cost, as the setting (overhead is a fraction added to it). */
        overhead: z.number().finite().nonnegative().max(10).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Scenario = z.infer<typeof Scenario>;

/** Command-line flags, which win over the scenario file, which wins over the catalog. */
export interface ScenarioFlags {
  model?: string | undefined;
  provider?: string | undefined;
  gpu?: string | undefined;
  utilization?: number | undefined;
  overhead?: number | undefined;
  usdPerGpuHour?: number | undefined;
  priceVariant?: string | undefined;
  /** Weight precision and GPUs per replica for the performance model (`--precision`, `--gpus`). */
  precision?: PerfOptions['precision'];
  gpuCount?: number | undefined;
  /** Where these flags came from, shown as the source of the values they set (default "command line"). */
  origin?: string | undefined;
}

export interface ResolvedScenario {
  name: string;
  model: string;
  provider: string | null;
  gpu: string;
  /** null: unpriced (the reason is in `problems`). */
  api: ApiPrices | null;
  economics: SelfHostEconomics | null;
  throughput: ReplicaThroughput | null;
  /** Prefill/decode rates and $ per replica-second; null when self-hosting cannot be priced. */
  selfHost: SelfHostRates | null;
  problems: string[];
  assumptions: Assumption[];
}

const USER: Provenance = { status: 'confirmed', source: 'user setting', date: '' };
const user = (what: string) => ({ status: 'user' as const, source: what, date: new Date().toISOString().slice(0, 10) });

export const DEFAULT_SETUP = { model: 'deepseek-v3.2', provider: 'deepinfra', gpu: 'b200' } as const;

export function resolveScenario(cat: Catalog, scenario: Scenario = {}, flags: ScenarioFlags = {}, origin = 'scenario'): ResolvedScenario {
  // The default setup (the article's) fills a side only when the scenario does not describe it itself:
  // a file with its own "api" block and no model prices exactly what it says.
  const explicitModel = flags.model ?? scenario.model;
  const modelId = explicitModel ?? DEFAULT_SETUP.model;
  const provider = flags.provider ?? scenario.provider ?? (scenario.api ? null : DEFAULT_SETUP.provider);
  const gpuId = flags.gpu ?? scenario.gpu ?? DEFAULT_SETUP.gpu;
  const apiFromCatalog = !scenario.api || explicitModel !== undefined || provider !== null;
  const selfHostFromCatalog = !scenario.selfHost || explicitModel !== undefined || (flags.gpu ?? scenario.gpu) !== undefined;
  const problems: string[] = [];
  const assumptions: Assumption[] = [];
  const model = findModel(cat, modelId);

  // --- API side
  let api: ApiPrices | null = null;
  const lookup = apiFromCatalog ? findApiOffer(cat, modelId, provider, flags.priceVariant) : { unpriced: `${origin}: api.inputPerM and api.outputPerM are needed` };
  const fileApi = scenario.api ?? {};
  const offer = 'offer' in lookup ? lookup.offer : null;
  const input = fileApi.inputPerM ?? offer?.inputPerM;
  const output = fileApi.outputPerM ?? offer?.outputPerM;
  if (input === undefined || output === undefined) {
    problems.push('unpriced' in lookup ? lookup.unpriced : `${origin}: api.inputPerM and api.outputPerM are needed`);
  } else {
    const cached = fileApi.cachedInputPerM !== undefined ? fileApi.cachedInputPerM : (offer?.cachedInputPerM ?? null);
    const write = fileApi.cacheWritePerM !== undefined ? fileApi.cacheWritePerM : (offer?.cacheWritePerM ?? null);
    const policy = cachePolicy(cat, offer?.provider ?? provider ?? '');
    const minTokens = fileApi.minCacheableTokens !== undefined ? fileApi.minCacheableTokens : (policy?.minCacheableTokens ?? null);
    api = validateApiPrices({ inputPerM: input, cachedInputPerM: cached, cacheWritePerM: write, outputPerM: output, minCacheableTokens: minTokens });
    const prov = (field: keyof NonNullable<Scenario['api']>) => (fileApi[field] !== undefined ? user(origin) : (offer ?? USER));
    const who = offer ? `${offer.provider} ${offer.providerModelId ?? offer.model}${offer.variant ? ` (price set ${offer.variant})` : ''}` : modelId;
    assumptions.push(assumption('api.inputPerM', `API input price, ${who}`, input, prov('inputPerM'), '$/1M tokens'));
    assumptions.push(
      assumption('api.cachedInputPerM', `API cached-input price, ${who}`, cached === null ? 'none: no cache discount' : cached, prov('cachedInputPerM'), cached === null ? undefined : '$/1M tokens'),
    );
    assumptions.push(
      assumption('api.cacheWritePerM', `API cache-write price, ${who}`, write === null ? 'none: writes cost the input price' : write, prov('cacheWritePerM'), write === null ? undefined : '$/1M tokens'),
    );
    assumptions.push(assumption('api.outputPerM', `API output price, ${who}`, output, prov('outputPerM'), '$/1M tokens'));
    if (offer?.tierNote) assumptions.push(assumption('api.tiers', `Context tiers, ${who}`, offer.tierNote, offer));
    assumptions.push(
      assumption(
        'api.minCacheableTokens',
        'Minimum cacheable prompt',
        minTokens === null ? 'none known: no minimum applied' : minTokens,
        fileApi.minCacheableTokens !== undefined ? user(origin) : (policy ?? { status: 'estimated', source: 'no cache policy known for this provider', date: '' }),
        minTokens === null ? undefined : 'tokens',
      ),
    );
  }

  // --- Self-host side
  const gpu = selfHostFromCatalog ? findGpu(cat, gpuId) : undefined;
  const fileSh = scenario.selfHost ?? {};
  let throughput: ReplicaThroughput | null = null;
  const tp = selfHostFromCatalog ? resolveThroughput(cat, modelId, gpuId, { precision: flags.precision, gpuCount: flags.gpuCount }) : { unavailable: `${origin}: selfHost.prefillTokPerS and selfHost.decodeTokPerS are needed` };
  if ('throughput' in tp) {
    throughput = tp.throughput;
    assumptions.push(...tp.throughput.assumptions);
  } else if (fileSh.prefillTokPerS === undefined || fileSh.decodeTokPerS === undefined) {
    // a model too large for the GPU asked for: say where it fits instead
    const elsewhere = / does not fit|leave no room|leaves .* of KV cache/.test(tp.unavailable) ? whereItFits(modelId, flags.precision, longestShape(cat)) : null;
    problems.push(elsewhere ? `${tp.unavailable}; ${elsewhere}` : tp.unavailable);
  }
  const offerGpu = gpu ? gpuOffer(cat, gpu.id) : undefined;
  const usdPerGpuHour = flags.usdPerGpuHour ?? fileSh.usdPerGpuHour ?? offerGpu?.usdPerGpuHour;
  const defaults = cat.selfHostDefaults;
  const utilization = flags.utilization ?? fileSh.utilization ?? defaults.utilization;
  const overhead = flags.overhead ?? fileSh.overhead ?? defaults.overhead;
  const gpuCount = fileSh.gpuCount ?? throughput?.gpuCount;
  const gpuName = gpu?.name ?? gpuId;
  if (usdPerGpuHour === undefined) problems.push(`no $/GPU-hour for ${gpuName}: set selfHost.usdPerGpuHour`);
  // no throughput at all already says why (a model that does not fit has no replica size to ask for)
  if (gpuCount === undefined && (throughput !== null || fileSh.prefillTokPerS !== undefined)) problems.push(`no GPU count per replica for ${gpuName}: set selfHost.gpuCount`);
  let economics: SelfHostEconomics | null = null;
  let selfHost: SelfHostRates | null = null;
  if (usdPerGpuHour !== undefined && gpuCount !== undefined) {
    economics = { gpuCount, usdPerGpuHour, utilization, overhead };
    const c = costPerReplicaSecond(economics);
    const a = fileSh.prefillTokPerS ?? throughput?.prefillTokPerS ?? null;
    const b = fileSh.decodeTokPerS ?? throughput?.decodeTokPerS ?? null;
    if (a !== null && b !== null) {
      selfHost = { costPerReplicaSecond: c, ...validateRates({ prefillTokPerS: a, decodeTokPerS: b }) };
      const rateProv = (v: number | undefined) => (v !== undefined ? user(origin) : throughputRateProvenance(throughput));
      assumptions.push(assumption('selfHost.prefillTokPerS', `Prefill rate a per replica (${gpuName})`, round(a), rateProv(fileSh.prefillTokPerS), 'tokens/s'));
      assumptions.push(assumption('selfHost.decodeTokPerS', `Decode rate b per replica (${gpuName})`, round(b), rateProv(fileSh.decodeTokPerS), 'tokens/s'));
    } else {
      // with one measured shape the split of a replica-second into prefill and decode is not determined
      const shapes = throughput?.measured.map((m) => m.workload) ?? [];
      const why = shapes.length === 1 ? `only one workload shape is measured (${shapes[0]}), and splitting prefill from decode needs two` : 'the baseline runs do not determine them';
      problems.push(
        `no prefill/decode rates for ${modelId} on ${gpuName}: ${why}; import a \`vllm bench serve\` result of another shape, or set selfHost.prefillTokPerS and selfHost.decodeTokPerS in a scenario`,
      );
    }
    const priceProv = flags.usdPerGpuHour !== undefined ? user(flags.origin ?? 'command line') : fileSh.usdPerGpuHour !== undefined ? user(origin) : offerGpu!;
    const label = offerGpu && priceProv === offerGpu ? `${gpuName} price (${offerGpu.provider}, ${offerGpu.kind})` : `${gpuName} price`;
    assumptions.push(assumption('selfHost.usdPerGpuHour', label, usdPerGpuHour, priceProv, '$/GPU-hour'));
    assumptions.push(assumption('selfHost.gpuCount', 'GPUs per replica', gpuCount, fileSh.gpuCount !== undefined ? user(origin) : throughput?.assumptions.some((x) => x.id === 'selfHost.performanceModel') ? { status: 'estimated', source: 'replica size from the performance model\'s memory fit (or --gpus)', date: '' } : { status: 'confirmed', source: 'GPU count of the baseline runs', date: '' }));
    const defProv = (flag: number | undefined, file: number | undefined) =>
      flag !== undefined ? user(flags.origin ?? 'command line') : file !== undefined ? user(origin) : defaults;
    assumptions.push(assumption('selfHost.utilization', 'Utilization', utilization, defProv(flags.utilization, fileSh.utilization)));
    assumptions.push(assumption('selfHost.overhead', 'Overhead adder', overhead, defProv(flags.overhead, fileSh.overhead)));
  }
  return {
    name:
      scenario.name ??
      `${apiFromCatalog ? `${model?.name ?? modelId} · ${provider ?? 'any provider'}` : 'custom API prices'} vs ${selfHostFromCatalog ? (gpu?.name ?? gpuId) : 'custom self-host rates'}`,
    model: model?.id ?? modelId,
    provider: provider ?? null,
    gpu: gpu?.id ?? gpuId,
    api,
    economics,
    throughput,
    selfHost,
    problems,
    assumptions,
  };
}

/** Where a and b come from when the catalog gives them: the interpolation on measured runs (derived; a GPU scaling says [E] on its multipliers) or the performance model (estimated). */
function throughputRateProvenance(tp: ReplicaThroughput | null): Provenance {
  const perf = tp?.assumptions.find((x) => x.id === 'selfHost.performanceModel');
  if (perf) return { status: 'estimated', source: 'performance model (see selfHost.performanceModel)', date: perf.date };
  return { status: 'derived', source: 'interpolation model fitted on the vLLM baselines (see selfHost.interpolation)', date: '' };
}

/** The longest request of the catalog's workload shapes: the context a replica must hold (as perf/as-throughput.ts fits it). */
function longestShape(cat: Catalog): number {
  return Math.max(...cat.workloads.map((w) => (w.promptTokens ?? 217) + (w.completionTokens ?? 200)));
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
