import type { Command } from 'commander';
import { formatTokens, formatUsd } from '../../core/format';
import { bandNote, usdWithRange } from '../../core/format-range';
import { makePricing } from '../../core/pipeline/pricing';
import { promptCosts } from '../../core/pipeline/prompt';
import { DEFAULT_ENCODING, ENCODING_IDS } from '../../core/tokenize';
import { assumptionsBlock, printJson, table } from '../render';
import { catalogAndJsonOptions, type CatalogAndJsonFlags, type SelfHostFlags, loadCatalog, parseNumber, promptFileAndCounter, readScenarioFile, selfHostOptions } from '../options';

interface PromptOptions extends SelfHostFlags, CatalogAndJsonFlags {
  k?: number;
  encoding: string;
  model?: string;
  provider?: string;
  gpu?: string;
  scenario?: string;
}

/**
 * The hover's numbers for a prompt file, from the same code (src/core/pipeline/prompt.ts): tokens,
 * $ per call, $ per task at k with and without cache / prefix reuse, which k and why.
 */
export function registerPrompt(program: Command): void {
  const cmd = program
    .command('prompt')
    .description("what a prompt file costs per call and per task at k: the editor's hover, CodeLens and status bar numbers")
    .argument('<file>', 'a prompt file')
    .option('--k <n>', "calls per task (default: the article's k)", parseNumber('k', { min: 1, max: 500, integer: true }))
    .option('--encoding <id>', `${ENCODING_IDS.join(', ')}`, DEFAULT_ENCODING)
    .option('--model <id>', 'model (default: deepseek-v3.2)')
    .option('--provider <id>', "API provider (default: the article's, deepinfra)")
    .option('--gpu <id>', 'GPU (default: b200)')
    .option('--scenario <file>', 'a scenario JSON file (see README)');
  catalogAndJsonOptions(selfHostOptions(cmd)).action(async (path: string, opts: PromptOptions) => {
    const { text, counter } = await promptFileAndCounter(path, opts.encoding);
    const cat = await loadCatalog(opts.catalog);
    const file = opts.scenario ? await readScenarioFile(opts.scenario) : undefined;
    const tokens = counter.count(text);
    const choice = { scenario: file, scenarioOrigin: opts.scenario ? `scenario file ${opts.scenario}` : undefined, model: opts.model, provider: opts.provider, gpu: opts.gpu, utilization: opts.utilization, overhead: opts.overhead, usdPerGpuHour: opts.gpuPrice };
    const costs = promptCosts(cat, { tokens, choice, userK: opts.k, userKLabel: '--k' });
    const s = makePricing(cat, choice).scenario;
    const current = costs.scenarios[0]!;
    if (opts.json) {
      printJson({
        path,
        tokens,
        encoding: opts.encoding,
        exact: counter.exact,
        k: costs.k,
        kSource: costs.kSource,
        kLabel: costs.kLabel,
        params: costs.params,
        paramsSource: costs.paramsSource,
        scenario: current.name,
        perCall: current.perCall,
        perTask: current.perTask,
        // the self-host figures above as [low, high] under the throughput band; null: no band
        perCallRange: { selfHost: current.ranges.perCallSelfHost },
        perTaskRange: current.ranges.perTask,
        throughputBand: current.ranges.band,
        verdict: costs.verdict,
        assumptions: s.assumptions,
        problems: current.problems,
      });
      return;
    }
    const out: string[] = [];
    if (costs.verdict) out.push(costs.verdict, '');
    out.push(`${path}: ${tokens} tokens (${opts.encoding}, ${counter.exact ? 'exact' : 'estimated'})`);
    out.push(`${current.name}; per call: this file as input + ${formatTokens(costs.params.perStepOutput)} output tokens; per task: k = ${costs.k} (${costs.kLabel}); ${costs.paramsSource}`, '');
    out.push(
      table(
        ['', 'API no cache', 'API cached', 'self-host no reuse', 'self-host reuse'],
        [
          ['per call', formatUsd(current.perCall.api), '', usdWithRange(current.perCall.selfHost, current.ranges.perCallSelfHost), ''],
          [`per task (k = ${costs.k})`, formatUsd(current.perTask.apiNoCache), formatUsd(current.perTask.apiCached), usdWithRange(current.perTask.selfHostNoReuse, current.ranges.perTask.selfHostNoReuse), usdWithRange(current.perTask.selfHostReuse, current.ranges.perTask.selfHostReuse)],
        ],
        [false, true, true, true, true],
      ),
    );
    const note = bandNote(current.ranges.band);
    if (note) out.push(note);
    if (current.problems.length) out.push('', 'Not computed:', ...current.problems.map((p) => `  - ${p}`));
    out.push('', assumptionsBlock(s.assumptions));
    process.stdout.write(out.join('\n') + '\n');
  });
}
