import type { Command } from 'commander';
import { RANGES } from '../../core/catalog/schema';
import { validateAgenticParams, type AgenticParams } from '../../core/engine/agentic';
import { project } from '../../core/pipeline/project';
import { UsageError } from '../errors';
import { assumption } from '../../core/assumptions';
import { formatUsd } from '../../core/format';
import { bandNote, kWithRange, usdWithRange } from '../../core/format-range';
import { ratesBand } from '../../core/pipeline/self-host-range';
import { resolveScenario } from '../../core/scenario';
import { assumptionsBlock, printJson, table, printText } from '../render';
import { catalogAndJsonOptions, type CatalogAndJsonFlags, type SelfHostFlags, loadCatalog, parseNumber, readScenarioFile, selfHostOptions } from '../options';

interface AgenticOptions extends SelfHostFlags, CatalogAndJsonFlags {
  kMax: number;
  initialInput?: number;
  perStepOutput?: number;
  newInput?: number;
  repeatedFraction?: number;
  appendOutputs?: boolean;
  model?: string;
  provider?: string;
  gpu?: string;
  priceSet?: string;
  scenario?: string;
}

export function registerAgentic(program: Command): void {
  const cmd = program
    .command('agentic')
    .description('cost per user task vs k model calls: API without/with cache, self-host with/without prefix reuse (Figure 4)')
    .option('--k-max <n>', 'largest k', parseNumber('k-max', { min: 1, integer: true, max: 100000 }), 30)
    .option('--initial-input <n>', 'I0: input tokens of the first call (default: the article\'s 7300)', parseNumber('initial-input', { min: 0, max: RANGES.tokens.max }))
    .option('--per-step-output <n>', 'O: output tokens per call (default: 299)', parseNumber('per-step-output', { min: 0, max: RANGES.tokens.max }))
    .option('--new-input <n>', 'Δ: new input tokens per step (default: 231)', parseNumber('new-input', { min: 0, max: RANGES.tokens.max }))
    .option('--repeated-fraction <f>', 'r: repeated share of each later call\'s input (default: 0.9)', parseNumber('repeated-fraction', { min: 0, max: 1 }))
    .option('--append-outputs', 'outputs are appended to the context too (input grows by Δ + O per step)')
    .option('--model <id>', 'model (default: deepseek-v3.2)')
    .option('--provider <id>', 'API provider (default: deepinfra)')
    .option('--gpu <id>', 'GPU (default: b200)')
    .option('--price-set <id>', 'which recovered price set when a provider has several (DeepSeek V3.2 at DeepInfra: A or B; default B)')
    .option('--scenario <file>', 'a scenario JSON file (see README)');
  catalogAndJsonOptions(selfHostOptions(cmd))
    .action(async (opts: AgenticOptions) => {
      const cat = await loadCatalog(opts.catalog);
      const file = opts.scenario ? await readScenarioFile(opts.scenario) : {};
      const s = resolveScenario(
        cat,
        file,
        { model: opts.model, provider: opts.provider, gpu: opts.gpu, utilization: opts.utilization, overhead: opts.overhead, usdPerGpuHour: opts.gpuPrice, priceVariant: opts.priceSet, precision: opts.precision, gpuCount: opts.gpus },
        opts.scenario ? `scenario file ${opts.scenario}` : 'scenario',
      );
      const ag = cat.agentic;
      const params: AgenticParams = {
        initialInput: opts.initialInput ?? ag.initialInput,
        perStepOutput: opts.perStepOutput ?? ag.perStepOutput,
        newInputPerStep: opts.newInput ?? ag.newInputPerStep,
        repeatedFraction: opts.repeatedFraction ?? ag.repeatedFraction,
        appendOutputs: opts.appendOutputs ?? false,
      };
      validateAgenticParams(params);
      // the same projection as the editor and `agentcost prompt`: rows 1..k-max
      const projection = project({ workload: { params, source: 'command line', tracesK: null, tracesTasks: 0 }, k: { k: opts.kMax, source: 'user', label: '--k-max' }, api: s.api, selfHost: s.selfHost, cache: true, band: ratesBand(cat, s) });
      if (projection.problems.length) throw new UsageError(projection.problems.join('; '));
      const rows = projection.rows;
      const cross = projection.crossoverK;
      const cmdLine = { status: 'user' as const, source: 'command line', date: '' };
      const paramProv = (given: number | undefined) => (given !== undefined ? cmdLine : ag);
      const assumptions = [
        assumption('agentic.initialInput', 'I0, input tokens of the first call', params.initialInput, paramProv(opts.initialInput), 'tokens'),
        assumption('agentic.perStepOutput', 'O, output tokens per call', params.perStepOutput, paramProv(opts.perStepOutput), 'tokens'),
        assumption('agentic.newInputPerStep', 'Δ, new input tokens per step', params.newInputPerStep, paramProv(opts.newInput), 'tokens'),
        assumption('agentic.repeatedFraction', 'r, repeated fraction of later inputs', params.repeatedFraction, paramProv(opts.repeatedFraction)),
        assumption('agentic.appendOutputs', 'Outputs appended to the context', params.appendOutputs ? 'yes' : 'no', opts.appendOutputs ? cmdLine : { status: 'estimated', source: 'article\'s model, reconstructed (COST_DATA_NOTES.md section 6)', date: '' }),
        ...s.assumptions,
      ];
      if (opts.json) {
        const ranges = projection.ranges;
        // added fields: each row's self-host costs as [low, high] under the throughput band, and crossover k's range (null: no band)
        printJson({ scenario: s.name, params, rows, crossoverK: cross, rowRanges: ranges.rows, crossoverKRange: ranges.crossoverK, throughputBand: ranges.band, assumptions, problems: s.problems });
        return;
      }
      const out = [
        `Cost per user task vs k, ${s.name} (Figure 4)`,
        table(
          ['k', 'API no cache', 'API cached', 'self-host reuse', 'self-host no reuse'],
          rows.map((r, i) => {
            const rr = projection.ranges.rows[i];
            return [String(r.k), formatUsd(r.apiNoCache), formatUsd(r.apiCached), usdWithRange(r.selfHostReuse, rr?.selfHostReuse), usdWithRange(r.selfHostNoReuse, rr?.selfHostNoReuse)];
          }),
          [true, true, true, true, true],
        ),
        '',
        `Crossover k (self-host with reuse becomes cheaper): vs API no cache ${kWithRange(cross.vsApiNoCache, projection.ranges.crossoverK?.vsApiNoCache, `none up to ${opts.kMax}`)}; vs API cached ${kWithRange(cross.vsApiCached, projection.ranges.crossoverK?.vsApiCached, `none up to ${opts.kMax}`)}`,
      ];
      const note = bandNote(projection.ranges.band);
      if (note) out.push(note);
      if (s.problems.length) out.push('', 'Not computed:', ...s.problems.map((p) => `  - ${p}`));
      out.push('', assumptionsBlock(assumptions));
      printText(out.join('\n') + '\n');
    });
}
