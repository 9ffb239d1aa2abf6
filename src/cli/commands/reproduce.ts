import type { Command } from 'commander';
import { reproduceArticle } from '../../core/article/reproduce';
import { formatPercent, formatUsd } from '../../core/format';
import { assumptionsBlock, printJson, table, printText } from '../render';
import { catalogAndJsonOptions, loadCatalog, type CatalogAndJsonFlags } from '../options';

export function registerReproduce(program: Command): void {
  const cmd = program
    .command('reproduce-article')
    .description("the article's own setup (DeepInfra prices, B200, utilization 0.70, overhead 0.15, Tau2 agentic parameters) and each of its claims beside what our engine gives")
;
  catalogAndJsonOptions(cmd)
    .action(async (opts: CatalogAndJsonFlags) => {
      const r = reproduceArticle(await loadCatalog(opts.catalog));
      if (opts.json) {
        printJson(r);
        return;
      }
      const out = [
        'Reproducing "The tokenomics of open source LLMs" under the reconstructed assumptions',
        '(the article\'s B200 price and GPU multipliers are lost: see the [E] assumptions below)',
        '',
        'Figure 1: $ per 1M total tokens, DeepInfra API vs self-host on B200',
        table(
          ['model', 'workload', 'API', 'self-host', 'cheaper'],
          r.figure1.map((x) => [x.model, x.workload, formatUsd(x.apiPerM), formatUsd(x.selfHostPerM), x.cheaper ?? 'n/a']),
          [false, false, true, true, false],
        ),
        '',
        'Figure 2: self-host $ per 1M vs utilization (Chat / ShareGPT)',
        table(
          ['model', 'utilization', 'self-host', 'API'],
          r.figure2.map((p) => [p.model, formatPercent(p.utilization), formatUsd(p.selfHostPerM), formatUsd(p.apiPerM)]),
          [false, true, true, true],
        ),
        '',
        'Figure 3: break-even utilization (green ≤ 70 % < yellow ≤ 100 % < red)',
        table(
          ['model', 'archetype', 'break-even', 'zone'],
          r.figure3.map((b) => [b.model, b.archetype, formatPercent(b.breakEvenUtilization), b.zone ?? 'n/a']),
          [false, false, true, false],
        ),
        '',
        `Figure 4: cost per user task vs k (${r.figure4.model}; I0 ${r.figure4.params.initialInput}, O ${r.figure4.params.perStepOutput}, Δ ${r.figure4.params.newInputPerStep}, r ${r.figure4.params.repeatedFraction})`,
        table(
          ['k', 'API no cache', 'API cached', 'self-host reuse', 'self-host no reuse'],
          r.figure4.rows.map((x) => [String(x.k), formatUsd(x.apiNoCache), formatUsd(x.apiCached), formatUsd(x.selfHostReuse), formatUsd(x.selfHostNoReuse)]),
          [true, true, true, true, true],
        ),
        `Crossover k within the plotted range: vs API no cache ${r.figure4.crossoverK.vsApiNoCache ?? 'none'}, vs API cached ${r.figure4.crossoverK.vsApiCached ?? 'none'}`,
        '',
        "The article's claims beside ours:",
        ...r.claims.flatMap((c) => [`  ${c.agrees ? '✓ agrees ' : '✗ differs'}  ${c.claim}`, `             article: ${c.article}`, `             ours:    ${c.ours}`]),
        '',
        assumptionsBlock(r.assumptions),
      ];
      if (r.problems.length) out.push('', 'Not computed:', ...r.problems.map((p) => `  - ${p}`));
      printText(out.join('\n') + '\n');
    });
}
