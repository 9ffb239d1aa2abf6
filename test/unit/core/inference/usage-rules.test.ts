import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { get_encoding } from 'tiktoken';
import { analyzeFile, type AnalyzeOptions } from '../../../../src/core/inference/analyze';
import { measureTasks } from '../../../../src/core/inference/measure';
import { apportion, scaleToRecordedTotals } from '../../../../src/core/inference/scale-totals';
import { taskShape } from '../../../../src/core/inference/task-stats';
import { readers } from '../../../../src/core/traces/readers';
import { MessageInterner, type Call, type Task, type Usage } from '../../../../src/core/traces/model';
import { createTokenCounter } from '../../../../src/core/tokenize';
import { FIXTURES, sharedTrace } from '../../helpers/shared';

const PRICE = { inputPerM: 1, cachedInputPerM: 0.1, cacheWritePerM: null, outputPerM: 2, minCacheableTokens: null };
async function options(): Promise<AnalyzeOptions> {
  const counter = await createTokenCounter('o200k_base');
  return { readers, tokenizer: async () => ({ count: (t: string) => counter.count(t) }), priceOf: () => PRICE, selfHost: null };
}

test('zero usage on calls that produced content is unknown usage: tokenizer estimate, a warning, never $0', async () => {
  // hand-made: Claude Code on GLM-4.7 writes {"input_tokens":0,"output_tokens":0} on every line
  const f = await analyzeFile(resolve(FIXTURES, 'traces/claude-code/zero-usage-glm.jsonl'), await options());
  const t = f.tasks[0]!;
  assert.equal(t.tokenSource, 'tokenizer');
  // outputs counted independently with the tiktoken package (o200k_base) over what each response produced:
  // r1 = thinking + text + `Bash {"command":"ls -la"}` joined by newlines, r2 = its text
  const enc = get_encoding('o200k_base');
  const r1 = ['The user wants a listing of the repository files first.', 'I will list the files.', 'Bash ' + JSON.stringify({ command: 'ls -la' })].join('\n');
  const r2 = 'There is a package.json and a src folder; the build is npm run build.';
  assert.deepEqual(t.perCall.map((c) => [c.output, c.outputSource]), [[enc.encode(r1).length, 'tokenizer'], [enc.encode(r2).length, 'tokenizer']]);
  enc.free();
  // Claude Code records no prompt: the input is unknown, so the cost is unknown, not 0
  assert.deepEqual(t.perCall.map((c) => c.input), [null, null]);
  assert.equal(t.cost.apiNoCache, null);
  const w = f.diagnostics.find((d) => d.severity === 'warning');
  assert.ok(w && w.line === 2 && /^2 call\(s\) produced content but record 0 input and 0 output/.test(w.message), JSON.stringify(f.diagnostics));
});

const recorded = (inTotal: number | null, output: number | null): Usage => ({ inTotal, output, cacheRead: null, cacheWrite: null, reasoning: null, source: 'recorded' });
function call(id: string, u: Usage, extra: Partial<Call> = {}): Call {
  return { id, lineage: 'main', model: 'gpt-x', provider: 'openai', prompt: null, promptComplete: false, completion: null, usage: u, isSubagent: false, line: null, timestamp: null, ...extra };
}
const words = (t: string) => t.split(' ').filter(Boolean).length;

test('a call with no usage after calls with usage: input at least the previous input + output, the lineage\'s model', () => {
  const i = new MessageInterner();
  // OpenHands' final agent message: no usage, no model, a prompt our tokenizer counts short (3 words)
  const last = call('final', { ...recorded(null, null) }, { model: null, provider: null, prompt: [i.intern('user', 'a short prompt')], completion: 'done now' });
  const tasks: Task[] = [{ id: 't', title: null, line: null, calls: [call('a', recorded(5000, 300)), call('b', recorded(5488, 120)), last] }];
  const [m] = measureTasks(tasks, words);
  const f = m![2]!;
  assert.equal(f.input, 5488 + 120);
  assert.equal(f.inputSource, 'tokenizer');
  assert.equal(f.output, 2);
  assert.equal(f.model, 'gpt-x');
  assert.equal(f.provider, 'openai');
  // a tokenizer count above the floor is kept
  const long = call('final', recorded(null, null), { model: null, prompt: [i.intern('user', 'w '.repeat(6000))] });
  const [m2] = measureTasks([{ id: 't', title: null, line: null, calls: [call('a', recorded(5000, 300)), long] }], words);
  assert.equal(m2![1]!.input, 6000);
  // not after a tokenizer-only call: a context can shrink (SWE-agent drops old observations)
  const t3: Task[] = [{ id: 't', title: null, line: null, calls: [call('a', recorded(null, null), { prompt: [i.intern('user', 'w '.repeat(50))], completion: 'x' }), call('b', recorded(null, null), { prompt: [i.intern('user', 'w '.repeat(10))] })] }];
  assert.equal(measureTasks(t3, words)[0]![1]!.input, 10);
});

test('apportion: integers proportional to the weights that sum exactly to the total', () => {
  assert.deepEqual(apportion([1, 1, 1], 10), [4, 3, 3]);
  assert.deepEqual(apportion([2, 0, 6], 4), [1, 0, 3]);
  assert.deepEqual(apportion([0, 0], 5), [0, 0]);
  const w = [13, 7, 101, 55, 3];
  assert.equal(apportion(w, 47202).reduce((s, v) => s + v, 0), 47202);
});

test('recorded totals: tokenizer estimates are scaled to them, a side already recorded is not', () => {
  const base = { lineage: 'l', model: null, provider: null, isSubagent: false, cacheRead: null, cacheWrite: null, cacheWrite1h: null, repeatedMethod: 'usage' as const, line: null };
  const calls = [
    { ...base, callId: 'a', input: 100, output: 10, repeated: 0, inputSource: 'tokenizer' as const, outputSource: 'recorded' as const },
    { ...base, callId: 'b', input: 300, output: 30, repeated: 150, inputSource: 'tokenizer' as const, outputSource: 'recorded' as const },
  ];
  const s = scaleToRecordedTotals(calls, { input: 800, output: 999 });
  assert.deepEqual(s.map((c) => [c.input, c.repeated, c.inputSource, c.output, c.outputSource]), [[200, 0, 'scaled', 10, 'recorded'], [600, 300, 'scaled', 30, 'recorded']]);
  assert.equal(taskShape(s).tokenSource, 'mixed');
});

test('SWE-agent .traj: per-call estimates sum to the recorded tokens_sent / tokens_received; tokenSource "scaled"', async () => {
  // totals from the file (python3: json.load(f)["info"]["model_stats"]): pydicom 122,612 / 1,369; test-repo 52,861 / 326
  const o = await options();
  for (const [file, sent, received] of [['swe-agent/pydicom__pydicom-1458.traj', 122612, 1369], ['swe-agent/swe-agent__test-repo-i1.traj', 52861, 326]] as const) {
    const t = (await analyzeFile(sharedTrace(file), o)).tasks[0]!;
    assert.equal(t.perCall.reduce((s, c) => s + c.input!, 0), sent, file);
    assert.equal(t.perCall.reduce((s, c) => s + c.output!, 0), received, file);
    assert.equal(t.tokenSource, 'scaled');
    assert.ok(t.perCall.every((c) => c.repeated !== null && c.repeated <= c.input!));
  }
  // the demonstration records all-zero totals: not a billed run, left as tokenizer estimates
  const demo = (await analyzeFile(sharedTrace('swe-agent/marshmallow-code__marshmallow-1867.function_calling_replace.traj'), o)).tasks[0]!;
  assert.equal(demo.tokenSource, 'tokenizer');
});
