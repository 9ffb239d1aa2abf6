import { z } from 'zod';
import { Provenance } from './schema';

/** Weight precisions a replica can serve a model in (fp16 = bf16 for speed and size). */
export const Precision = z.enum(['bf16', 'fp16', 'fp8', 'fp4']);
export type Precision = z.infer<typeof Precision>;

const count = z.number().int().positive();
const positive = z.number().finite().positive();

/** Architecture facts from a model's published config.json: what the performance model needs. */
export const ModelArch = Provenance.extend({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Hugging Face repository ids that resolve to this entry (`meta-llama/Llama-3.1-8B-Instruct`). */
  hfIds: z.array(z.string().min(1)).min(1),
  family: z.string().min(1),
  totalParamsB: positive,
  activeParamsB: positive,
  layers: count,
  hiddenSize: count,
  attentionHeads: count,
  /** KV heads (GQA); for MLA the query heads, the cache being the latent below. */
  kvHeads: count,
  /** Query/key head dim (MLA: nope + rope). */
  headDim: count,
  /** Value head dim where it differs from headDim (MLA). */
  vHeadDim: count.optional(),
  /** Multi-head latent attention: the KV cache holds kvLoraRank + qkRopeDim values per token and layer. */
  mla: z.object({ kvLoraRank: count, qkRopeDim: count }).optional(),
  experts: z.object({ routed: count, perToken: count, shared: z.number().int().nonnegative() }).optional(),
  /** Attention that sees at most `tokens` keys on a share of the layers (sliding window, chunked, sparse top-k). */
  // cacheBounded: the cache keeps only the window (sliding/chunked); false for sparse selection over a full cache (DSA).
  attentionWindow: z.object({ tokens: count, layerShare: z.number().gt(0).max(1), kind: z.string(), cacheBounded: z.boolean() }).optional(),
  /** DeepSeek Sparse Attention's lightning indexer: it scores every cached key (index_n_heads × index_head_dim) before the top-k is attended. */
  sparseIndexer: z.object({ heads: count, headDim: count }).optional(),
  nativePrecision: Precision,
  /** Size of the published checkpoint in its native precision, where mixed precision makes params × bytes wrong. */
  nativeWeightGB: positive.optional(),
  maxContext: count,
}).refine((m) => m.activeParamsB <= m.totalParamsB, { message: 'activeParamsB must not exceed totalParamsB' });
export type ModelArch = z.infer<typeof ModelArch>;

export const Interconnect = z.enum(['nvlink', 'nvl72', 'pcie', 'infinity-fabric']);

/** Dense (no sparsity) peak rates and memory of one GPU. null: no tensor-core support for that precision. */
export const GpuSpec = Provenance.extend({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  bf16Tflops: positive,
  fp8Tflops: positive.nullable(),
  fp4Tflops: positive.nullable(),
  memoryGB: positive,
  memoryTBps: positive,
  interconnect: Interconnect,
});
export type GpuSpec = z.infer<typeof GpuSpec>;

export const ArchitecturesFile = z.object({ models: z.array(ModelArch) }).strict();
export const GpuSpecsFile = z.object({ gpus: z.array(GpuSpec) }).strict();
