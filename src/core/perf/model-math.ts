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

/** FLOPs to prefill P prompt tokens: 2 · active params · P (the matmuls) + causal attention over the prompt. */
export function prefillFlops(arch: ModelArch, P: number): number {
  const s = layerSplit(arch);
  const keys = s.full * causalKeys(P, null) + s.windowed * causalKeys(P, s.window);
  return 2 * arch.activeParamsB * 1e9 * P + attentionFlopsPerPair(arch) * keys;
}

/** FLOPs to generate one token with `context` tokens already in the cache. */
export function decodeFlopsPerToken(arch: ModelArch, context: number): number {
  const s = layerSplit(arch);
  const keys = s.full * context + s.windowed * Math.min(context, s.window);
  return 2 * arch.activeParamsB * 1e9 + attentionFlopsPerPair(arch) * keys;
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
  return perLayer * ((arch.layers - bounded) * context + bounded * Math.min(context, w?.tokens ?? context));
}

/** KV bytes read per generated token at `context`: what the attention reads (a sparse selection reads only its top-k). */
export function kvBytesReadPerToken(arch: ModelArch, context: number): number {
  const perLayer = kvValuesPerLayer(arch) * KV_BYTES_PER_VALUE;
  const s = layerSplit(arch);
  return perLayer * (s.full * context + s.windowed * Math.min(context, s.window));
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
