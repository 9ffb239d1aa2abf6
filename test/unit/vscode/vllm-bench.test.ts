/**
 * Import vLLM Benchmark Result: the JSON `vllm bench serve --save-result` writes → a catalog
 * baseline (src/core/vllm-bench.ts). The sample below has the keys and order of vLLM's
 * `vllm/benchmarks/serve.py` result_json (setup, traffic, then the benchmark's metrics).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog } from '../../../src/core/catalog/load';
import { Baseline } from '../../../src/core/catalog/schema';
import { resolveThroughput } from '../../../src/core/engine/throughput';
import { baselineFromVllmBench, benchHints, benchWarnings, parseVllmBenchFile, VllmBenchError } from '../../../src/core/vllm-bench';

function savedRun(over: Record<string, unknown> = {}) {
  return {
    date: '20261102-141530',
    endpoint_type: 'openai',
    backend: 'openai',
    label: null,
    model_id: 'Qwen/Qwen3-32B',
    tokenizer_id: 'Qwen/Qwen3-32B',
    num_prompts: 1000,
    gpu: 'H100',
    tensor_parallel_size: '1',
    request_rate: 'inf',
    burstiness: 1.0,
    max_concurrency: null,
    duration: 100.0,
    completed: 1000,
    failed: 0,
    total_input_tokens: 1_024_000,
    total_output_tokens: 128_000,
    request_throughput: 10.0,
    request_goodput: null,
    output_throughput: 1280.0,
    total_token_throughput: 11520.0,
    max_output_tokens_per_s: 1900.0,
    max_concurrent_requests: 1000,
    rtfx: 0.0,
    mean_ttft_ms: 15000.1,
    median_ttft_ms: 14000.2,
    std_ttft_ms: 100.3,
    p99_ttft_ms: 30000.4,
    ...over,
  };
}

const target = { model: 'qwen3-32b', gpu: 'h100', gpuCount: 1, fileName: 'openai-infqps-Qwen3-32B.json' };

test('one saved run becomes a baseline: verbatim rates, derived input rate and mean shape, source and date', () => {
  const [run] = parseVllmBenchFile(JSON.stringify(savedRun()), 'r.json');
  const b = baselineFromVllmBench(run!, target);
  assert.equal(b.totalTokPerS, 11520);
  assert.equal(b.outputTokPerS, 1280);
  assert.equal(b.reqPerS, 10);
  assert.equal(b.inputTokPerS, 10240, 'total input tokens / duration');
  assert.equal(b.meanPromptTokens, 1024);
  assert.equal(b.meanCompletionTokens, 128);
  assert.equal(b.concurrency, null);
  assert.equal(b.date, '2026-11-02');
  assert.equal(b.measuredModel, 'Qwen/Qwen3-32B');
  assert.equal(b.workload, 'vllm-bench-20261102-141530-1024x128');
  assert.match(b.source, /openai-infqps-Qwen3-32B\.json .*model_id Qwen\/Qwen3-32B, 1000 prompts, request rate inf, max concurrency unlimited/);
  assert.ok(Baseline.safeParse(b).success, 'valid for the catalog schema (and so for agentcost.catalog.baselines)');
  assert.deepEqual(benchHints(run!), { gpu: 'H100', gpuCount: 1 }, '--metadata gpu=H100 tensor_parallel_size=1');
  assert.deepEqual(benchWarnings(run!), []);
});

test('--append-result files (one JSON object per line) give every run', () => {
  const text = [JSON.stringify(savedRun()), JSON.stringify(savedRun({ date: '20261102-150000', total_input_tokens: 4_000_000, total_token_throughput: 41280 }))].join('\n') + '\n';
  const runs = parseVllmBenchFile(text, 'all.json');
  assert.equal(runs.length, 2);
  assert.equal(runs[1]!.total_input_tokens, 4_000_000);
});

test('unusable files are refused with the file, line and field named', () => {
  assert.throws(() => parseVllmBenchFile('', 'e.json'), /e\.json is empty/);
  assert.throws(() => parseVllmBenchFile('{"a":1}\nnot json', 'x.json'), (e: unknown) => e instanceof VllmBenchError && /x\.json:2 is not JSON/.test(e.message));
  // a pooling (embedding) benchmark has no output tokens
  const { total_output_tokens: _t, output_throughput: _o, ...pooling } = savedRun();
  assert.throws(() => parseVllmBenchFile(JSON.stringify(pooling), 'embed.json'), /embed\.json is not a `vllm bench serve --save-result` result of a generation benchmark: total_output_tokens/);
  assert.throws(() => parseVllmBenchFile(JSON.stringify(savedRun({ completed: 0 })), 'z.json'), /completed/);
  assert.throws(() => baselineFromVllmBench(parseVllmBenchFile(JSON.stringify(savedRun()), 'r.json')[0]!, { ...target, gpuCount: 0 }), /GPU count/);
});

test('warnings: failed requests, inconsistent throughput, a low concurrency cap', () => {
  const [run] = parseVllmBenchFile(JSON.stringify(savedRun({ failed: 3, total_token_throughput: 9000, max_concurrency: 4 })), 'w.json');
  const w = benchWarnings(run!);
  assert.equal(w.length, 3);
  assert.match(w[0]!, /3 request\(s\) failed/);
  assert.match(w[1]!, /differs .* by more than 2 %/);
  assert.match(w[2]!, /max concurrency 4/);
});

test('imported runs drive the self-host cost of a model only they measure; and join an existing fit', () => {
  const short = baselineFromVllmBench(parseVllmBenchFile(JSON.stringify(savedRun({ model_id: 'acme/my-model' })), 'a.json')[0]!, { ...target, model: 'acme/my-model' });
  const long = baselineFromVllmBench(
    parseVllmBenchFile(JSON.stringify(savedRun({ model_id: 'acme/my-model', date: '20261102-160000', total_input_tokens: 8_000_000, total_output_tokens: 100_000, duration: 400, output_throughput: 250, total_token_throughput: 20250, request_throughput: 2.5 })), 'b.json')[0]!,
    { ...target, model: 'acme/my-model' },
  );
  assert.ok('unavailable' in resolveThroughput(buildCatalog(), 'acme/my-model', 'h100'), 'unknown before the import');
  const cat = buildCatalog([{ baselines: [short, long] }]);
  const tp = resolveThroughput(cat, 'acme/my-model', 'h100');
  assert.ok('throughput' in tp);
  assert.equal(tp.throughput.measured.length, 2);
  assert.ok(tp.throughput.prefillTokPerS! > 0 && tp.throughput.decodeTokPerS! > 0, 'two shapes: a prefill/decode fit');
  // scaled to another GPU with the catalog's multipliers
  assert.ok('throughput' in resolveThroughput(cat, 'acme/my-model', 'b200'));
  // a Qwen3-32B run on one H100 joins the shipped five
  const q = baselineFromVllmBench(parseVllmBenchFile(JSON.stringify(savedRun()), 'q.json')[0]!, target);
  const withQ = resolveThroughput(buildCatalog([{ baselines: [q] }]), 'qwen3-32b', 'h100');
  assert.ok('throughput' in withQ && withQ.throughput.measured.some((m) => m.workload === q.workload));
});
