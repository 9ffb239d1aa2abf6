import type { Command } from 'commander';
import { readers } from '../../core/traces/readers';
import { measurePaths, taskFields, type FileAnalysis } from '../../core/inference/analyze';
import { makePricing, priceFile, projectionApi as projectionApiOf } from '../../core/pipeline/pricing';
import { measuringOptions } from '../../core/pipeline/measuring';
import { answer } from '../../core/pipeline/answer';
import { traceWorkload } from '../../core/pipeline/workload';
import type { PriceUsed } from '../../core/inference/pricing';
import { summarize } from '../../core/inference/summary';
import { fileSpend, sumSpend, taskSpend, totalsLine } from '../../core/inference/token-totals';
import { createTokenCounter, isEncodingId, DEFAULT_ENCODING, ENCODING_IDS } from '../../core/tokenize';
import { formatNumber, formatTokens, formatUsd, taskShapeCells } from '../../core/format';
import { bandNote, kWithRange, usdWithRange } from '../../core/format-range';
import { modeRanges, ratesBand, summaryCrossoverRange } from '../../core/pipeline/self-host-range';
import type { RatioBand } from '../../core/perf/uncertainty';
import { assumptionsBlock, printJson, table, printText, safeLine } from '../render';
import { skippedSummary, skippedText } from '../../core/traces/walk';
import { catalogAndJsonOptions, type CatalogAndJsonFlags, type SelfHostFlags, loadCatalog, parseNumber, readScenarioFile, selfHostOptions } from '../options';
import { UsageError } from '../errors';
import { discoverForCli } from './sessions';
import { hybridSummary, hybridText } from '../../core/pipeline/hybrid-summary';
import { rankForTraces, rankingLines } from './analyze-rank';

interface AnalyzeOptions extends SelfHostFlags, CatalogAndJsonFlags {
  scenario?: string;
  model?: string;
  provider?: string;
  gpu?: string;
  encoding: string;
  maxFileSize?: number;
  sessions?: string | boolean;
  rank?: boolean;
}

/** Skipped paths listed one per line in text output; --json lists all. */
const SKIPPED_LISTED = 20;

function fileJson(f: FileAnalysis, band: RatioBand | null) {
  return {
    path: f.path,
    format: f.format,
    // costRange: the self-host costs as [low, high] under the throughput band (null: no band)
    tasks: f.tasks.map((t) => ({ ...taskFields(t), ...taskSpend(t), cost: t.cost, costRange: modeRanges(t.cost, band) })),
    totals: fileSpend(f),
    diagnostics: f.diagnostics,
  };
}

export function registerAnalyze(program: Command): void {
  const cmd = program
    .command('analyze')
    .description('read agent traces (files or folders, scanned recursively), infer k, per-step output and context reuse per task, and price each task')
    .argument('[paths...]', 'trace files or folders')
    .option('--sessions [workspace]', 'analyze the agent sessions found for this workspace folder (default: the current directory; see `agentcost sessions`)')
    .option('--scenario <file>', 'price every call with this scenario (default: each call at its own model\'s API price)')
    .option('--model <id>', 'self-hosted model, and with --provider the API model to price every call at (default self-host: deepseek-v3.2)')
    .option('--provider <id>', 'price every call at this provider\'s price for --model')
    .option('--gpu <id>', 'GPU to self-host on (default: b200)')
    .option('--encoding <id>', `tokenizer where a trace records no usage: ${ENCODING_IDS.join(', ')}`, DEFAULT_ENCODING)
    .option('--max-file-size <mb>', 'skip files larger than this many MB', parseNumber('max-file-size', { min: 0, exclusiveMin: true }))
    .option('--rank', 'rank every open model × GPU × precision by self-host $ per task for these traces (cheapest first)');
  catalogAndJsonOptions(selfHostOptions(cmd))
    .action(async (given: string[], opts: AnalyzeOptions) => {
      const paths = opts.sessions ? [...given, ...(await discoverForCli(typeof opts.sessions === 'string' ? opts.sessions : undefined)).sessions.map((x) => x.path)] : given;
      if (!opts.sessions && paths.length === 0) throw new UsageError('give trace files or folders, or --sessions [workspace]');
      if (!isEncodingId(opts.encoding)) throw new UsageError(`--encoding must be one of ${ENCODING_IDS.join(', ')}, got "${opts.encoding}"`);
      const cat = await loadCatalog(opts.catalog);
      const file = opts.scenario ? await readScenarioFile(opts.scenario) : {};
      const pricing = makePricing(cat, {
        scenario: opts.scenario ? file : undefined,
        scenarioOrigin: opts.scenario ? `scenario file ${opts.scenario}` : undefined,
        model: opts.model, provider: opts.provider, gpu: opts.gpu, utilization: opts.utilization, overhead: opts.overhead, usdPerGpuHour: opts.gpuPrice, precision: opts.precision, gpuCount: opts.gpus,
      });
      const s = pricing.scenario;
      const encoding = opts.encoding;
      const progress = process.stderr.isTTY && !opts.json;
      const measuring = measuringOptions({
        readers,
        counter: () => createTokenCounter(encoding),
        maxFileBytes: opts.maxFileSize ? opts.maxFileSize * 1024 * 1024 : undefined,
        onProgress: progress ? ({ filesDone, filesTotal }) => process.stderr.write(`\ranalyzing ${filesDone}/${filesTotal} files`) : undefined,
      });
      const measured = await measurePaths(paths, measuring.options);
      const files = measured.files.map((f) => priceFile(f, pricing));
      const { missing, skipped } = measured;
      const loaded = { counter: measuring.loaded() };
      if (progress) process.stderr.write('\r\x1b[K');
      if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
      const projectionApi = projectionApiOf(cat, pricing, files).api;
      const scenarioPricing = !pricing.eachCall;
      const summary = summarize(files, projectionApi, s.selfHost);
      const band = ratesBand(cat, s);
      const crossoverKRange = summaryCrossoverRange(summary, projectionApi, s.selfHost, band);
      const workload = traceWorkload(files);
      const projected = workload ? answer(cat, { workload, pricing, files }) : null;
      const verdict = projected?.verdict?.text ?? null;
      const hybrid = hybridSummary(files, projectionApi, s.selfHost);
      const ranking = opts.rank && workload && projected ? rankForTraces(cat, workload, projected, pricing, opts) : null;
      const apiPricing = pricing.apiLabel;
      const unpriced = [...pricing.unpriced];
      const skips = skippedSummary(skipped);
      // nothing recognized at all is a mistake in what was given (exit 1), after saying what was seen
      const nothing = files.every((f) => f.format === null) ? new UsageError(`no trace recognized in ${paths.join(', ')}${skips ? ` (${skips})` : ''}`) : null;
      if (opts.json) {
        printJson({
          files: files.map((f) => fileJson(f, band)),
          skipped,
          totals: sumSpend(files.map(fileSpend)),
          summary: { tasks: summary.tasks, k: summary.k, initialInputTokens: summary.initialInputTokens, meanOutputTokens: summary.meanOutputTokens, meanNewInputTokens: summary.meanNewInputTokens, repeatedFraction: summary.repeatedFraction, crossoverK: summary.crossoverK, crossoverKRange, projection: summary.projection },
          throughputBand: band,
          verdict,
          hybrid,
          ...(opts.rank ? { ranking } : {}),
          pricing: { api: apiPricing, selfHost: s.name, unpricedModels: scenarioPricing ? [] : unpriced, pricesUsed: scenarioPricing ? [] : [...pricing.used.values()], tokenizer: { encoding, used: loaded.counter !== null, exact: loaded.counter ? loaded.counter.exact : null } },
          assumptions: s.assumptions,
          problems: s.problems,
        });
        if (nothing) throw nothing;
        return;
      }
      const out: string[] = verdict ? [verdict, ''] : [];
      for (const f of files) {
        out.push(`${safeLine(f.path)}  [${f.format ?? 'unknown format'}]  ${f.tasks.length} task(s)`);
        if (f.tasks.length) {
          out.push(
            table(
              ['task', 'k', 'sub', 'I0', 'O', 'Δ', 'r', 'cached', 'tokens', 'API', 'API cached', 'self-host reuse'],
              f.tasks.map((t) => [
                safeLine(t.id.length > 24 ? t.id.slice(0, 23) + '…' : t.id),
                ...taskShapeCells(t),
                t.tokenSource,
                formatUsd(t.cost.apiNoCache),
                formatUsd(t.cost.apiCached),
                usdWithRange(t.cost.selfHostReuse, modeRanges(t.cost, band).selfHostReuse),
              ]),
              [false, true, true, true, true, true, true, true, false, true, true, true],
            ),
          );
        }
        if (f.tasks.length) out.push(`  totals: ${totalsLine(fileSpend(f))}`);
        for (const d of f.diagnostics) out.push(`  ${d.severity}: ${safeLine(f.path)}${d.line !== null ? `:${d.line}` : ''}: ${safeLine(d.message)}`);
        out.push('');
      }
      const dist = (name: string, x: { mean: number | null; p50: number | null; p90: number | null; max: number | null }, fmt: (v: number | null) => string) =>
        `  ${name.padEnd(22)} mean ${fmt(x.mean)}, p50 ${fmt(x.p50)}, p90 ${fmt(x.p90)}, max ${fmt(x.max)}`;
      out.push(`Summary over ${summary.tasks} task(s)`);
      out.push(`  ${'totals'.padEnd(22)} ${totalsLine(sumSpend(files.map(fileSpend)))}`);
      out.push(dist('k (calls per task)', summary.k, (v) => formatNumber(v, 1)));
      out.push(dist('I0 (first input)', summary.initialInputTokens, formatTokens));
      out.push(dist('O (output per call)', summary.meanOutputTokens, formatTokens));
      out.push(dist('Δ (new input per call)', summary.meanNewInputTokens, formatTokens));
      out.push(dist('r (repeated fraction)', summary.repeatedFraction, (v) => formatNumber(v)));
      out.push(`  crossover k (self-host with reuse cheaper): vs API no cache ${kWithRange(summary.crossoverK.vsApiNoCache, crossoverKRange?.vsApiNoCache, 'none')}, vs API cached ${kWithRange(summary.crossoverK.vsApiCached, crossoverKRange?.vsApiCached, 'none')}`);
      const note = bandNote(band);
      if (note) out.push(`  ${note}`);
      out.push(`  API pricing: ${apiPricing}; self-host: ${s.name}; tokenizer where usage is missing: ${encoding}${loaded.counter ? '' : ' (not needed)'}`);
      // where the pricing data has dated price sets, say which one priced the calls
      const dated = scenarioPricing ? [] : [...pricing.used.values()].filter((u) => u.priceSetSince || u.priceSetBefore);
      const set = (u: PriceUsed) => (u.priceSetSince ? `since ${u.priceSetSince}` : `before ${u.priceSetBefore}`);
      if (dated.length) out.push(`  dated prices: ${dated.map((u) => `${u.model} (${u.provider}) at the prices in force ${set(u)} (calls of ${u.pricedAt ?? 'unknown date: today\'s prices'})`).join('; ')}`);
      if (!scenarioPricing && unpriced.length) out.push(`  unpriced models (API cost shown as "unpriced"): ${unpriced.map(safeLine).join(', ')}`);
      if (hybrid) out.push(`  hybrid routing: ${hybridText(hybrid, formatUsd)}`);
      if (opts.rank) out.push('', ...rankingLines(ranking));
      if (skips) {
        out.push('', `Skipped (${skips}):`);
        for (const k of skipped.slice(0, SKIPPED_LISTED)) out.push(`  info: ${safeLine(skippedText(k))}`);
        if (skipped.length > SKIPPED_LISTED) out.push(`  … and ${skipped.length - SKIPPED_LISTED} more (--json lists them all)`);
      }
      if (s.problems.length) out.push('', 'Not computed:', ...s.problems.map((p) => `  - ${p}`));
      out.push('', assumptionsBlock(s.assumptions));
      printText(out.join('\n') + '\n');
      if (nothing) throw nothing;
    });
}
