import type { ModelArch } from '../catalog/arch-schema';
import { KV_BYTES_PER_VALUE } from './precision';

/** Counts that depend on the architecture only: FLOPs per token, KV bytes per token, the expert split. */

/** FLOPs of attention per (query, key) pair in one layer: QKᵀ and attention·V, 2 FLOPs per multiply-add. */
export function attentionFlopsPerPair(arch: ModelArch): number {
  return 2 * arch.attentionHeads * (arch.headDim + (arch.vHeadDim ?? arch.headDim));
}

/** Layers with full attention, and layers that see at most the window. */
function layerSplit(arch: ModelArch): { full: number; windowed: number; window: number } {
  const w = arch.attentionWindow;
  if (!w) return { full: arch.layers, windowed: 0, window: 0 };
  const windowed = arch.layers * w.layerShare;
  return { full: arch.layers - windowed, windowed, window: w.tokens };
}

/** Σ over positions 1..P of the keys a causal query sees (P²/2), capped by a window w. */
function causalKeys(P: number, w: number | null): number {
  if (w === null || P <= w) return (P * P) / 2;
  return w * P - (w * w) / 2;
}

/**
 * FLOPs per (query, key) pair and layer while prefilling: the expanded form (per-head K and V), except
 * with sparse attention, where vLLM's FLASHMLA_SPARSE backend (head size 576 only: 512 latent + 64 rope)
 * runs prefill on the latent cache too, in the absorbed form decode uses.
 */
function prefillAttentionFlopsPerPair(arch: ModelArch): number {
  return arch.sparseIndexer ? decodeAttentionFlopsPerPair(arch) : attentionFlopsPerPair(arch);
}

/** FLOPs to prefill P prompt tokens: 2 · active params · P (the matmuls) + causal attention over the prompt. */
export function prefillFlops(arch: ModelArch, P: number): number {
  const s = layerSplit(arch);
  const keys = s.full * causalKeys(P, null) + s.windowed * causalKeys(P, s.window);
  return 2 * arch.activeParamsB * 1e9 * P + prefillAttentionFlopsPerPair(arch) * keys + indexerFlopsPerPair(arch) * arch.layers * causalKeys(P, null);
}

/**
 * FLOPs per (query, key) pair and layer while decoding. MLA decodes in the absorbed form (vLLM, SGLang):
 * each head scores the (latent + rope) cache entry and sums the latent, 2·H·(2·r + rope), about 3.4×
 * the expanded form prefill uses, for a cache that is read once for all heads.
 */
export function decodeAttentionFlopsPerPair(arch: ModelArch): number {
  if (!arch.mla) return attentionFlopsPerPair(arch);
  return 2 * arch.attentionHeads * (2 * arch.mla.kvLoraRank + arch.mla.qkRopeDim);
}

/** The sparse-attention indexer scores every earlier key in every layer: 2 · heads · dim FLOPs per pair. */
function indexerFlopsPerPair(arch: ModelArch): number {
  return arch.sparseIndexer ? 2 * arch.sparseIndexer.heads * arch.sparseIndexer.headDim : 0;
}

/** FLOPs to generate one token with `context` tokens already in the cache. */
export function decodeFlopsPerToken(arch: ModelArch, context: number): number {
  const s = layerSplit(arch);
  const keys = s.full * context + s.windowed * Math.min(context, s.window);
  return 2 * arch.activeParamsB * 1e9 + decodeAttentionFlopsPerPair(arch) * keys + indexerFlopsPerPair(arch) * arch.layers * context;
}

/** Cache values per token and layer: the MLA latent, else K and V for each KV head. */
function kvValuesPerLayer(arch: ModelArch): number {
  return arch.mla ? arch.mla.kvLoraRank + arch.mla.qkRopeDim : 2 * arch.kvHeads * arch.headDim;
}

/**
 * KV-cache bytes one sequence of `context` tokens holds: all layers keep every token, except layers
 * whose cache only holds the window (sliding/chunked attention).
 */
export function kvBytesForSequence(arch: ModelArch, context: number): number {
  const perLayer = kvValuesPerLayer(arch) * KV_BYTES_PER_VALUE;
  const w = arch.attentionWindow;
  const bounded = w && w.cacheBounded ? arch.layers * w.layerShare : 0;
  const indexer = arch.sparseIndexer ? arch.sparseIndexer.headDim * arch.layers * context : 0;
  return perLayer * ((arch.layers - bounded) * context + bounded * Math.min(context, w?.tokens ?? context)) + indexer;
}

/**
 * KV bytes read per generated token at `context`: what the attention reads (a sparse selection reads only
 * its top-k), plus the indexer's keys, which it reads for every cached token (FP8, 1 byte per value).
 */
export function kvBytesReadPerToken(arch: ModelArch, context: number): number {
  const perLayer = kvValuesPerLayer(arch) * KV_BYTES_PER_VALUE;
  const s = layerSplit(arch);
  const indexer = arch.sparseIndexer ? arch.sparseIndexer.headDim * arch.layers * context : 0;
  return perLayer * (s.full * context + s.windowed * Math.min(context, s.window)) + indexer;
}

/**
 * Parameters in routed experts (all layers) and the rest, from total and active counts:
 * total = rest + E·x and active = rest + k·x, so E·x = E·(total − active)/(E − k).
 */
export function expertSplit(arch: ModelArch): { expertParams: number; denseParams: number } {
  const total = arch.totalParamsB * 1e9;
  const e = arch.experts;
  if (!e || e.routed <= e.perToken) return { expertParams: 0, denseParams: total };
  const expertParams = (e.routed * (total - arch.activeParamsB * 1e9)) / (e.routed - e.perToken);
  return { expertParams, denseParams: total - expertParams };
}

/** Expected share of routed experts a decode step of `batch` tokens touches: 1 − (1 − k/E)^batch. */
export function expertsTouched(arch: ModelArch, batch: number): number {
  const e = arch.experts;
  if (!e) return 1;
  return 1 - Math.pow(1 - e.perToken / e.routed, batch);
}
