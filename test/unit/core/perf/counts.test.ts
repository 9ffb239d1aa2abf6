import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findArch, findGpuSpec } from '../../../../src/core/catalog/arch';
import { shippedCatalog } from '../../../../src/core/catalog/load';

// The architecture tables load with the catalog.
shippedCatalog();
import { decodeFlopsPerToken, expertSplit, kvBytesForSequence, prefillFlops } from '../../../../src/core/perf/model-math';
import { fitReplica, replicaMemory, sequencesThatFit } from '../../../../src/core/perf/memory-fit';

const close = (a: number, b: number, rel = 1e-9) => assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${a} ≠ ${b}`);
const arch = (id: string) => {
  const a = findArch(id);
  assert.ok(a, id);
  return a;
};

test('resolves models by Hugging Face id and GPUs by alias', () => {
  assert.equal(findArch('meta-llama/Llama-3.1-8B-Instruct')?.id, 'llama-3.1-8b');
  assert.equal(findArch('mistralai/Mixtral-8x7B-Instruct-v0.1')?.id, 'mixtral-8x7b');
  assert.equal(findArch('openai/gpt-oss-120b')?.id, 'gpt-oss-120b');
  assert.equal(findGpuSpec('MI300X')?.id, 'mi300x');
});

test('dense (Qwen3-32B): hand-computed prefill FLOPs, decode FLOPs and KV bytes', () => {
  const q = arch('qwen3-32b');
  // By hand: 2·32.8e9·1000 = 6.56e13 matmul FLOPs; attention 2·64 heads·(128+128) = 32,768 FLOPs per
  // (query, key) pair and layer, × 64 layers × 1000²/2 causal pairs = 1.048576e12. Sum 6.6648576e13.
  close(prefillFlops(q, 1000), 6.6648576e13);
  // One token at context 1000: 2·32.8e9 + 32,768·64·1000 = 6.56e10 + 2.097152e9.
  close(decodeFlopsPerToken(q, 1000), 6.7697152e10);
  // KV: 64 layers · 2 (K, V) · 8 KV heads · 128 · 2 bytes = 262,144 bytes per token.
  close(kvBytesForSequence(q, 1000), 262144 * 1000);
});

test('MoE with MLA (DeepSeek V3): expert split, decode FLOPs and latent KV bytes', () => {
  const d = arch('deepseek-v3');
  // E·(total − active)/(E − k) = 256·(671 − 37)e9/248 = 6.5445161e11 expert parameters.
  close(expertSplit(d).expertParams, (256 * 634e9) / 248);
  // Decode runs MLA absorbed: 2·128 heads·(2·512 + 64) = 278,528 FLOPs per pair and layer;
  // 2·37e9 + 278,528·61 layers·1000 = 7.4e10 + 1.6990208e10.
  close(decodeFlopsPerToken(d, 1000), 9.0990208e10);
  // Latent cache: 61 layers · (512 + 64) · 2 bytes = 70,272 bytes per token.
  close(kvBytesForSequence(d, 1000), 70272 * 1000);
});

test('DeepSeek V3.2: the sparse-attention indexer scores every key; the attention sees at most 2048', () => {
  const d = arch('deepseek-v3.2');
  // Decode at 1000: 7.4e10 + 278,528·61·1000 (all 1000 keys are under the top-k) + indexer 2·64·128·61·1000
  // = 7.4e10 + 1.6990208e10 + 9.99424e8 (python3 one-off).
  close(decodeFlopsPerToken(d, 1000), 9.1989632e10);
  // Prefill of 4000 runs the selected keys in the absorbed form too (vLLM's sparse MLA backend works on
  // the latent cache in prefill as in decode; the expanded form, 2·128·(192+128), was used before):
  // 2·37e9·4000 + 278,528·61·(2048·4000 − 2048²/2) + 16,384·61·4000²/2 = 4.07548127248384e14 (python3 one-off).
  close(prefillFlops(d, 4000), 4.07548127248384e14);
  // Cache: 61·576·2 bytes of latent + 61·128 bytes of FP8 index keys per token.
  close(kvBytesForSequence(d, 1000), 78080000);
});

test('memory fit: the boundary context, and the smallest replica that holds the weights', () => {
  const q = arch('qwen3-32b');
  const h100 = findGpuSpec('h100')!;
  const mem = replicaMemory(q, h100, 'bf16', 1);
  // 80 GiB · 0.9 − 65.6 GB weights − 1 GB runtime = 77.309 − 66.6 GB.
  close(mem.kvCacheGB, 80 * 1.073741824 * 0.9 - 65.6 - 1);
  const maxTokens = Math.floor((mem.kvCacheGB * 1e9) / 262144);
  assert.equal(sequencesThatFit(q, mem, maxTokens), 1);
  assert.equal(sequencesThatFit(q, mem, maxTokens + 1), 0);
  // bf16 Llama 3.3 70B (141.2 GB) cannot fit one 80 GB GPU. Two leave 2·80 GiB·0.9 − 141.2 − 2 = 11.42 GB
  // of KV at 327,680 bytes per token: 8 sequences of 4096 tokens (10.74 GB) fit, 16 (21.5 GB) need four GPUs.
  const llama = arch('llama-3.3-70b');
  const eight = fitReplica(llama, h100, 'bf16', 4096, 8);
  assert.ok(eight.fits && eight.gpuCount === 2);
  const sixteen = fitReplica(llama, h100, 'bf16', 4096, 16);
  assert.ok(sixteen.fits && sixteen.gpuCount === 4);
  // Kimi K2 in fp8 (1,040 GB) does not fit 8 L40S (384 GiB): the reason says so.
  const none = fitReplica(arch('kimi-k2'), findGpuSpec('l40s')!, 'fp8', 4096, 16);
  assert.ok(!none.fits && /no room for a KV cache/.test(none.reason));
  // A context beyond the model's maximum never fits.
  assert.ok(!fitReplica(q, h100, 'bf16', 50000, 1).fits);
});
