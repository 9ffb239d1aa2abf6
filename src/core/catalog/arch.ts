import architectures from './data/architectures.json';
import gpuSpecs from './data/gpu-specs.json';
import { ArchitecturesFile, GpuSpecsFile, type GpuSpec, type ModelArch } from './arch-schema';
import { CatalogError } from './load';
import { modelIdVariants } from './lookup';

/** The shipped architecture and GPU-spec tables, validated once (a bad shipped file is our bug: it throws). */
export interface HardwareCatalog {
  models: ModelArch[];
  gpus: GpuSpec[];
}

let cached: HardwareCatalog | null = null;

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, name: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const first = r.error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
    throw new CatalogError(`the shipped ${name} is invalid: ${first}`);
  }
  return r.data;
}

export function hardwareCatalog(): HardwareCatalog {
  if (!cached) {
    cached = {
      models: parse(ArchitecturesFile, architectures, 'architectures.json').models,
      gpus: parse(GpuSpecsFile, gpuSpecs, 'gpu-specs.json').gpus,
    };
  }
  return cached;
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
