import type { Command } from 'commander';
import { gpuOffer } from '../../core/catalog/lookup';
import { costPerReplicaSecond } from '../../core/engine/selfhost-cost';
import { formatNumber, formatUsd } from '../../core/format';
import { estimateSelfHost, type Range } from '../../core/perf/estimate';
import { selfHostInputOutputPerM } from '../../core/perf/split-cost';
import { UsageError } from '../errors';
import { printJson } from '../render';
import { catalogAndJsonOptions, type CatalogAndJsonFlags, loadCatalog, parseNumber, type SelfHostFlags, selfHostOptions } from '../options';

interface FitOptions extends CatalogAndJsonFlags, SelfHostFlags {
  model: string;
  gpu: string;
  input: number;
  output: number;
  concurrency?: number;
}

const fmtRange = (r: Range, digits = 1) => `${formatNumber(r[0], digits)}–${formatNumber(r[1], digits)}`;

/** `agentcost fit`: the replica that holds a model on a GPU type, and its predicted rates with their range. */
export function registerFit(program: Command): void {
  const cmd = program
    .command('fit')
    .description('Smallest replica (1/2/4/8 GPUs) that holds a model, its prefill and decode rates, and saturation throughput with a range')
    .requiredOption('--model <id>', 'catalog id or Hugging Face id (see `agentcost models`)')
    .requiredOption('--gpu <id>', 'GPU type: h100, h100-pcie, h200, b200, gb200, a100, l40s, mi300x, mi325x, rtx-6000-ada, rtx-pro-6000')
    .option('--input <tokens>', 'prompt tokens per request', parseNumber('input', { min: 0, integer: true }), 2000)
    .option('--output <tokens>', 'completion tokens per request', parseNumber('output', { min: 0, integer: true }), 200)
    .option('--concurrency <n>', 'sequences the KV cache must hold at once for the fit (default: 16)', parseNumber('concurrency', { min: 1, integer: true }));
  catalogAndJsonOptions(selfHostOptions(cmd)).action(async (opts: FitOptions) => {
    const cat = await loadCatalog(opts.catalog);
    const found = estimateSelfHost(cat, {
      model: opts.model,
      gpu: opts.gpu,
      precision: opts.precision,
      gpuCount: opts.gpus,
      promptTokens: opts.input,
      completionTokens: opts.output,
      concurrency: opts.concurrency,
    });
    if ('unavailable' in found) throw new UsageError(found.unavailable);
    const e = found.estimate;
    const offer = gpuOffer(cat, e.gpu);
    const usd = opts.gpuPrice ?? offer?.usdPerGpuHour ?? null;
    const c =
      usd === null
        ? null
        : costPerReplicaSecond({ gpuCount: e.gpuCount, usdPerGpuHour: usd, utilization: opts.utilization ?? cat.selfHostDefaults.utilization, overhead: opts.overhead ?? cat.selfHostDefaults.overhead });
    const perM = c === null ? null : selfHostInputOutputPerM(c, e.prefillTokPerS, e.decodeTokPerS);
    if (opts.json) {
      printJson({
        model: e.model,
        gpu: e.gpu,
        precision: e.precision,
        gpus: e.gpuCount,
        replica: { weightsGB: e.replica.memory.weightsGB, kvCacheGB: e.replica.memory.kvCacheGB, sequencesAtThisLength: e.replica.sequences },
        prefillTokPerS: e.prefillTokPerS,
        decodeTokPerS: e.decodeTokPerS,
        decodeBatch: e.decodeBatch,
        decodeBound: e.decodeBound,
        requestsPerS: e.rates.requestsPerS,
        outputTokPerS: e.rates.outputTokPerS,
        throughputTokPerS: e.rates.throughputTokPerS,
        range: e.range,
        measured: e.measured,
        usdPerGpuHour: usd,
        selfHostInputPerM: perM?.inputPerM ?? null,
        selfHostOutputPerM: perM?.outputPerM ?? null,
        basis: e.basis,
      });
      return;
    }
    const out = [
      `${e.modelName} (${e.precision}) on ${e.gpuCount}× ${e.gpuName}: weights ${e.replica.memory.weightsGB.toFixed(1)} GB, KV cache ${e.replica.memory.kvCacheGB.toFixed(1)} GB (${e.replica.sequences} sequences of ${opts.input + opts.output} tokens)`,
      `prefill a ≈ ${formatNumber(e.prefillTokPerS, 0)} tok/s, decode b ≈ ${formatNumber(e.decodeTokPerS, 0)} tok/s (batch ${e.decodeBatch}, ${e.decodeBound}-bound)`,
      `at saturation, ${opts.input} in / ${opts.output} out per request${e.measured ? ' (measured)' : ' (estimated; range 10th–90th percentile)'}:`,
      `  requests/s   ${formatNumber(e.rates.requestsPerS, 2)}  [${fmtRange(e.range.requestsPerS, 2)}]`,
      `  output tok/s ${formatNumber(e.rates.outputTokPerS, 0)}  [${fmtRange(e.range.outputTokPerS, 0)}]`,
      `  total tok/s  ${formatNumber(e.rates.throughputTokPerS, 0)}  [${fmtRange(e.range.throughputTokPerS, 0)}]`,
      perM ? `self-host $ per 1M at $${usd}/GPU-h: input ${formatUsd(perM.inputPerM)}, output ${formatUsd(perM.outputPerM)}` : 'self-host $ per 1M: no GPU price in the catalog (pass --gpu-price)',
      `basis: ${e.basis}`,
    ];
    process.stdout.write(out.join('\n') + '\n');
  });
}
