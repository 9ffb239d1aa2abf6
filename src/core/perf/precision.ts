import type { GpuSpec, ModelArch, Precision } from '../catalog/arch-schema';

/**
 * Bytes per weight: fp4 counts the block scales (MXFP4 4.25, NVFP4 4.5 bits: 4.5 taken), fp8 the
 * per-block scales are negligible.
 */
export const BYTES_PER_PARAM: Record<Precision, number> = { bf16: 2, fp16: 2, fp8: 1, fp4: 0.5625 };

/** KV cache entries are kept in 16-bit (vLLM's default kv-cache-dtype "auto" for these models). */
export const KV_BYTES_PER_VALUE = 2;

/** Weight bytes of the whole model at a precision; the published checkpoint size where mixed precision makes params × bytes wrong. */
export function weightBytes(arch: ModelArch, precision: Precision): number {
  if (precision === arch.nativePrecision && arch.nativeWeightGB !== undefined) return arch.nativeWeightGB * 1e9;
  return arch.totalParamsB * 1e9 * BYTES_PER_PARAM[precision];
}

/**
 * Dense peak FLOP/s of one GPU for weights in `precision`: a GPU without tensor cores for it runs the
 * weights weight-only (dequantized to 16-bit, e.g. Marlin W8A16 on A100, MXFP4 on Hopper) at its BF16 rate.
 */
export function peakFlops(gpu: GpuSpec, precision: Precision): number {
  const tflops = precision === 'fp8' ? gpu.fp8Tflops : precision === 'fp4' ? gpu.fp4Tflops : null;
  return (tflops ?? gpu.bf16Tflops) * 1e12;
}

/**
 * True where `precision` weights run weight-only on this GPU: 8/4-bit weights on a GPU without tensor
 * cores for them (FP8 on A100, MXFP4 on H100/H200/A100) are dequantized to 16-bit inside the GEMM (vLLM's
 * Marlin and Triton MXFP4 kernels), a different kernel path from native FP8/FP4 tensor-core GEMMs.
 */
export function runsWeightOnly(gpu: GpuSpec, precision: Precision): boolean {
  if (precision === 'fp8') return gpu.fp8Tflops === null;
  if (precision === 'fp4') return gpu.fp4Tflops === null;
  return false;
}

export function parsePrecision(raw: string): Precision | null {
  const v = raw.trim().toLowerCase();
  if (v === 'bf16' || v === 'fp16' || v === 'fp8' || v === 'fp4') return v;
  if (v === 'mxfp4' || v === 'nvfp4') return 'fp4';
  return null;
}
