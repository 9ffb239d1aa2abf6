import type { GpuSpec, ModelArch } from './arch-schema';
import { modelIdVariants } from './lookup';

/** The architecture and GPU-spec tables (src/core/catalog/data/architectures.json, gpu-specs.json). */
export interface HardwareCatalog {
  models: ModelArch[];
  gpus: GpuSpec[];
}

let registered: HardwareCatalog | null = null;

/** Called by load.ts when it validates the shipped catalog: the tables load with it, on first use. */
export function registerHardwareCatalog(hw: HardwareCatalog): void {
  registered = hw;
}

export function hasHardwareCatalog(): boolean {
  return registered !== null;
}

export function hardwareCatalog(): HardwareCatalog {
  if (!registered) throw new Error('the architecture tables are read with the catalog: load the catalog first (shippedCatalog / buildCatalog)');
  return registered;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A model by catalog id or Hugging Face id (`openai/gpt-oss-120b`), also after dropping a vendor prefix. */
export function findArch(id: string, hw: HardwareCatalog = hardwareCatalog()): ModelArch | undefined {
  for (const v of [id, ...modelIdVariants(id)]) {
    const hit = hw.models.find((m) => same(m.id, v) || m.hfIds.some((h) => same(h, v) || same(h.slice(h.indexOf('/') + 1), v)));
    if (hit) return hit;
  }
  return undefined;
}

export function findGpuSpec(id: string, hw: HardwareCatalog = hardwareCatalog()): GpuSpec | undefined {
  return hw.gpus.find((g) => same(g.id, id) || g.aliases.some((a) => same(a, id)));
}
