import { tagOf } from '../../core/tags';
import type { Command } from 'commander';
import { findApiOffer } from '../../core/catalog/lookup';
import { PRICING_DATASET } from '../../core/catalog/pricing-dataset';
import { formatUsd } from '../../core/format';
import { printJson, table } from '../render';
import { catalogAndJsonOptions, loadCatalog, type CatalogAndJsonFlags } from '../options';
import { UsageError } from '../errors';

const TAG = { confirmed: tagOf('confirmed'), derived: tagOf('derived'), estimated: tagOf('estimated') } as const;
const price = (v: number | null) => (v === null ? '—' : formatUsd(v));

export function registerPrices(program: Command): void {
  const cmd = program
    .command('prices')
    .description('the catalog: API prices, GPU prices and vLLM baselines, with dates and sources')
    .option('--model <id>', 'one model (any id a trace uses, e.g. claude-sonnet-4-5-20250929, gpt-4o, qwen3-32b)')
    .option('--provider <id>', 'with --model: one provider')
;
  catalogAndJsonOptions(cmd)
    .action(async (opts: CatalogAndJsonFlags & { model?: string; provider?: string }) => {
      const cat = await loadCatalog(opts.catalog);
      if (opts.model) {
        const found = findApiOffer(cat, opts.model, opts.provider);
        if ('unpriced' in found) throw new UsageError(`${found.unpriced}: it is unpriced (add it with --catalog FILE)`);
        const o = found.offer;
        if (opts.json) return printJson({ offers: [o] });
        process.stdout.write(
          [
            `${o.provider} ${o.providerModelId ?? o.model}${o.variant ? ` (price set ${o.variant})` : ''} ${TAG[o.status]}`,
            `  input ${price(o.inputPerM)}/1M, cached input ${price(o.cachedInputPerM)}/1M, cache write ${price(o.cacheWritePerM)}/1M${o.cacheWrite1hPerM !== null ? ` (1 h: ${price(o.cacheWrite1hPerM)})` : ''}, output ${price(o.outputPerM)}/1M`,
            ...(o.tierNote ? [`  ${o.tierNote}`] : []),
            `  source: ${o.source} (${o.date})`,
          ].join('\n') + '\n',
        );
        return;
      }
      if (opts.json) {
        printJson({ snapshotDate: cat.snapshotDate, pricingDataset: PRICING_DATASET, apiOffers: cat.apiOffers, gpuOffers: cat.gpuOffers, baselines: cat.baselines, scaling: cat.scaling, workloads: cat.workloads, archetypes: cat.archetypes });
        return;
      }
      const out = [
        `AgentCost catalog (snapshot ${cat.snapshotDate}); other models priced from ${PRICING_DATASET.name} ${PRICING_DATASET.version} (${PRICING_DATASET.published}); try --model <id>`,
        '',
        'API offers, $ per 1M tokens',
        table(
          ['provider', 'model', 'set', 'input', 'cached', 'cache write', 'output', 'tag', 'date', 'source'],
          cat.apiOffers.map((o) => [o.provider, o.model, o.variant ?? '', price(o.inputPerM), price(o.cachedInputPerM), price(o.cacheWritePerM), price(o.outputPerM), TAG[o.status], o.date, o.source]),
          [false, false, false, true, true, true, true],
        ),
        '',
        'GPU offers, $ per GPU-hour (* = default)',
        table(
          ['gpu', '$/h', 'provider', 'kind', 'tag', 'date', 'source'],
          cat.gpuOffers.map((g) => [g.gpu + (g.preferred ? ' *' : ''), g.usdPerGpuHour.toFixed(2), g.provider, g.kind, TAG[g.status], g.date, g.source]),
          [false, true],
        ),
        '',
        'vLLM throughput baselines (per replica)',
        table(
          ['model', 'gpu', 'n', 'engine', 'workload', 'input tok/s', 'output tok/s', 'tag', 'date'],
          cat.baselines.map((b) => [b.model, b.gpu, String(b.gpuCount), b.engine, b.workload, b.inputTokPerS.toFixed(1), b.outputTokPerS.toFixed(1), TAG[b.status], b.date]),
          [false, false, true, false, false, true, true],
        ),
        '',
        'GPU scaling multipliers',
        table(
          ['from', 'to', 'prefill', 'decode', 'tag', 'source'],
          cat.scaling.map((s) => [s.from, s.to, String(s.prefill), String(s.decode), TAG[s.status], s.source]),
          [false, false, true, true],
        ),
      ];
      process.stdout.write(out.join('\n') + '\n');
    });
}
