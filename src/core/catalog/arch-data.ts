import architectures from './data/architectures.json';
import gpuSpecs from './data/gpu-specs.json';
import { ArchitecturesFile, GpuSpecsFile } from './arch-schema';
import type { HardwareCatalog } from './arch';

/**
 * The shipped architecture and GPU-spec tables, validated. Imported only by load.ts, which registers
 * them with the catalog: the data stays off the extension's activation path like catalog.json.
 */
export function loadHardwareCatalog(): HardwareCatalog {
  const models = ArchitecturesFile.safeParse(architectures);
  const gpus = GpuSpecsFile.safeParse(gpuSpecs);
  if (!models.success) throw new Error(`the shipped architectures.json is invalid: ${describe(models.error.issues)}`);
  if (!gpus.success) throw new Error(`the shipped gpu-specs.json is invalid: ${describe(gpus.error.issues)}`);
  return { models: models.data.models, gpus: gpus.data.gpus };
}

function describe(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.slice(0, 3).map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
}
