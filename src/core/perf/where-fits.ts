import type { Precision } from '../catalog/arch-schema';
import { findArch, hardwareCatalog, hasHardwareCatalog } from '../catalog/arch';
import { fitReplica } from './memory-fit';

/**
 * Where a model that does not fit the GPU asked for does fit: "8× NVIDIA H200, 8× AMD Instinct MI300X"
 * (the smallest replica of each GPU type holding the weights and one sequence of `context` tokens), so
 * a "does not fit" message says what to try instead. null when the model is unknown or fits nowhere.
 */
export function whereItFits(modelId: string, precision: Precision | undefined, context: number): string | null {
  if (!hasHardwareCatalog()) return null;
  const hw = hardwareCatalog();
  const arch = findArch(modelId, hw);
  if (!arch) return null;
  const p = precision ?? arch.nativePrecision;
  const fits = hw.gpus.flatMap((g) => {
    const r = fitReplica(arch, g, p, Math.min(context, arch.maxContext), 1);
    return r.fits ? [`${r.gpuCount}× ${g.name}`] : [];
  });
  return fits.length ? `${arch.name} (${p}) fits on ${fits.join(', ')}` : `${arch.name} (${p}) fits on none of the ${hw.gpus.length} GPU types at up to 8 GPUs per replica`;
}
