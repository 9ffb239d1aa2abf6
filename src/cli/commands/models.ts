import type { Command } from 'commander';
import { hardwareCatalog } from '../../core/catalog/arch';
import { formatTokens } from '../../core/format';
import { calibrationRuns } from '../../core/perf/calibration-runs';
import { printJson, table } from '../render';
import { catalogAndJsonOptions, type CatalogAndJsonFlags, loadCatalog } from '../options';

/** `agentcost models`: the open models the performance model knows, and where their self-host rates come from. */
export function registerModels(program: Command): void {
  const cmd = program.command('models').description('Open models with architecture data: size, precision, context, and whether self-host rates are measured or estimated');
  catalogAndJsonOptions(cmd).action(async (opts: CatalogAndJsonFlags) => {
    const cat = await loadCatalog(opts.catalog);
    const runs = calibrationRuns(cat);
    const rows = hardwareCatalog().models.map((m) => {
      const measuredOn = [...new Set(runs.filter((r) => r.arch.id === m.id).map((r) => `${r.gpuCount}×${r.gpu.id} ${r.precision}`))];
      return {
        id: m.id,
        name: m.name,
        huggingFace: m.hfIds[0]!,
        totalParamsB: m.totalParamsB,
        activeParamsB: m.activeParamsB,
        experts: m.experts ? `${m.experts.perToken}/${m.experts.routed}` : null,
        nativePrecision: m.nativePrecision,
        maxContext: m.maxContext,
        architectureStatus: m.status,
        selfHostRates: measuredOn.length ? `measured on ${measuredOn.join(', ')}; estimated elsewhere` : 'estimated (performance model)',
      };
    });
    if (opts.json) {
      printJson({ models: rows });
      return;
    }
    process.stdout.write(
      table(
        ['id', 'Hugging Face id', 'params (active)', 'experts', 'native', 'context', 'architecture', 'self-host rates'],
        rows.map((r) => [r.id, r.huggingFace, `${r.totalParamsB}B (${r.activeParamsB}B)`, r.experts ?? 'dense', r.nativePrecision, formatTokens(r.maxContext), r.architectureStatus, r.selfHostRates]),
        [false, false, true, false, false, true, false, false],
      ) + '\n',
    );
  });
}
