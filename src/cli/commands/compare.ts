import type { Command } from 'commander';
import { dedupeAssumptions } from '../../core/assumptions';
import { singlePassFigures } from '../../core/figures/set';
import { formatPercent, formatTokens, formatUsd } from '../../core/format';
import { bandNote, percentWithRange, usdWithRange } from '../../core/format-range';
import { figureBand } from '../../core/pipeline/self-host-range';
import { resolveScenario, type ResolvedScenario } from '../../core/scenario';
import { assumptionsBlock, printJson, table, printText } from '../render';
import { catalogAndJsonOptions, type CatalogAndJsonFlags, type SelfHostFlags, loadCatalog, parseList, readScenarioFile, selfHostOptions } from '../options';

interface CompareOptions extends SelfHostFlags, CatalogAndJsonFlags {
  models?: string[];
  provider?: string;
  gpu?: string;
  workloads?: string[];
  curveWorkload: string;
  scenario?: string;
}

export function registerCompare(program: Command): void {
  const cmd = program
    .command('compare')
    .description('API vs self-host $ per 1M tokens per workload, $ per 1M vs utilization, break-even utilization (Figures 1-3)')
    .option('--models <ids>', 'comma-separated model ids (default: the article\'s qwen3-32b,deepseek-v3.2,glm-4.7)', parseList)
    .option('--provider <id>', 'API provider (default: deepinfra)')
    .option('--gpu <id>', 'GPU to self-host on: b200, h200, h100, a100 (default: b200)')
    .option('--workloads <ids>', 'comma-separated workload profiles (default: short,sharegpt,medium,long,very-long)', parseList)
    .option('--curve-workload <id>', 'workload of the utilization curve', 'sharegpt')
    .option('--scenario <file>', 'a scenario JSON file (see README) instead of --models');
  catalogAndJsonOptions(selfHostOptions(cmd))
    .action(async (opts: CompareOptions) => {
      const cat = await loadCatalog(opts.catalog);
      const file = opts.scenario ? await readScenarioFile(opts.scenario) : undefined;
      const flags = { provider: opts.provider, gpu: opts.gpu, utilization: opts.utilization, overhead: opts.overhead, usdPerGpuHour: opts.gpuPrice, precision: opts.precision, gpuCount: opts.gpus };
      const scenarios: ResolvedScenario[] = file
        ? [resolveScenario(cat, file, flags, `scenario file ${opts.scenario}`)]
        : (opts.models ?? cat.article.models).map((m) => resolveScenario(cat, {}, { ...flags, model: m, provider: opts.provider ?? cat.article.provider }));
      const { figure1, figure2, figure3, zones } = singlePassFigures(cat, scenarios, { workloads: opts.workloads ?? cat.workloads.map((w) => w.id), curveWorkload: opts.curveWorkload });
      const assumptions = dedupeAssumptions(scenarios.flatMap((s) => s.assumptions));
      const problems = [...new Set(scenarios.flatMap((s) => s.problems))];
      if (opts.json) {
        printJson({ scenarios: scenarios.map((s) => s.name), figure1, figure2, figure3, assumptions, problems });
        return;
      }
      const out: string[] = [];
      out.push('API vs self-host, $ per 1M total tokens (Figure 1)');
      out.push(
        table(
          ['model', 'workload', 'prompt', 'completion', 'API', 'self-host', 'cheaper', 'throughput'],
          figure1.map((r) => [r.model, r.workload, formatTokens(r.promptTokens), formatTokens(r.completionTokens), formatUsd(r.apiPerM), usdWithRange(r.selfHostPerM, r.selfHostPerMRange), r.cheaper ?? 'n/a', r.throughputMethod ?? 'n/a']),
          [false, false, true, true, true, true, false, false],
        ),
      );
      out.push('', `Self-host $ per 1M vs utilization, ${opts.curveWorkload} workload (Figure 2)`);
      out.push(
        table(
          ['model', 'utilization', 'self-host', 'API'],
          figure2.map((p) => [p.model, formatPercent(p.utilization), usdWithRange(p.selfHostPerM, p.selfHostPerMRange), formatUsd(p.apiPerM)]),
          [false, true, true, true],
        ),
      );
      out.push('', `Break-even utilization by archetype (Figure 3; green ≤ ${formatPercent(zones.greenMax)} < yellow ≤ ${formatPercent(zones.yellowMax)} < red)`);
      out.push(
        table(
          ['model', 'archetype', 'workloads', 'break-even', 'zone'],
          figure3.map((r) => [r.model, r.archetype, r.workloads.join('+'), percentWithRange(r.breakEvenUtilization, r.breakEvenUtilizationRange), r.zone ? `${r.zone}${r.uncertainZone ? ' (uncertain)' : ''}` : 'n/a']),
          [false, false, false, true, false],
        ),
      );
      const notes = scenarios.flatMap((s) => {
        const n = bandNote(figureBand(cat, s));
        return n ? [`  ${s.model}: ${n}`] : [];
      });
      if (notes.length) out.push('', ...notes);
      if (problems.length) out.push('', 'Not computed:', ...problems.map((p) => `  - ${p}`));
      out.push('', assumptionsBlock(assumptions));
      printText(out.join('\n') + '\n');
    });
}
