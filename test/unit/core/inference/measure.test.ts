import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrefixCache, BLOCK_TOKENS } from '../../../../src/core/inference/prefix-cache';
import { measureTasks } from '../../../../src/core/inference/measure';
import { taskShape, distribution } from '../../../../src/core/inference/task-stats';
import { taskCosts } from '../../../../src/core/inference/task-costs';
import { MessageInterner, type Call, type Task, type Usage } from '../../../../src/core/traces/model';

const seq = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

test('prefix cache: whole blocks only, chained so a block hits only after the same prefix', () => {
  const cache = new PrefixCache();
  assert.equal(cache.cachedPrefix(seq(0, 100)), 0);
  cache.add(seq(0, 100)); // 6 full blocks cached
  assert.equal(cache.cachedPrefix(seq(0, 100)), 6 * BLOCK_TOKENS);
  assert.equal(cache.cachedPrefix([...seq(0, 40), 999, ...seq(41, 60)]), 2 * BLOCK_TOKENS, 'a change in block 3 stops the match');
  // the same block content after a different prefix does not hit
  assert.equal(cache.cachedPrefix([...seq(1000, 16), ...seq(16, 16)]), 0);
});

test('prefix cache: thousands of blocks (the block set grows past its first size) still hit exactly up to the first change', () => {
  const cache = new PrefixCache();
  const long = seq(0, 3000 * BLOCK_TOKENS); // 3,000 distinct blocks, more than the set's first 1,024 slots
  cache.add(long);
  assert.equal(cache.cachedPrefix(long), 3000 * BLOCK_TOKENS);
  const changed = long.slice();
  changed[2500 * BLOCK_TOKENS + 3] = -7; // block 2,501 differs: 2,500 whole blocks before it hit
  assert.equal(cache.cachedPrefix(changed), 2500 * BLOCK_TOKENS);
  assert.equal(cache.cachedPrefix(seq(1, 3000 * BLOCK_TOKENS)), 0, 'a shifted sequence shares no block');
});

test('prefix cache: reuse() over segments gives what cachedPrefix(prompt) then add(prompt + completion) give', () => {
  // a pseudo-random sequence of calls that share, extend and break prefixes, cut into uneven segments
  let x = 7;
  const rnd = (n: number) => ((x = (x * 1103515245 + 12345) % 2147483648), x % n);
  const a = new PrefixCache();
  const b = new PrefixCache();
  let base = seq(0, 50);
  for (let call = 0; call < 40; call++) {
    if (rnd(3) === 0) base = [...base.slice(0, rnd(base.length + 1)), ...seq(1000 * call, rnd(40))];
    const prompt = [...base, ...seq(5000 + call, rnd(30))];
    const completion = seq(9000 + call * 10, rnd(25));
    const expected = a.cachedPrefix(prompt);
    a.add([...prompt, ...completion]);
    const cuts = [0, rnd(prompt.length + 1), prompt.length].sort((p, q) => p - q);
    const segments = [prompt.slice(cuts[0], cuts[1]), prompt.slice(cuts[1], cuts[2]), completion];
    assert.equal(b.reuse(segments, prompt.length), expected, `call ${call}`);
    base = [...prompt, ...completion];
  }
});

const usage = (inTotal: number | null, output: number | null, cacheRead: number | null = null): Usage => ({ inTotal, output, cacheRead, cacheWrite: null, reasoning: null, source: 'recorded' });
function call(id: string, lineage: string, u: Usage, extra: Partial<Call> = {}): Call {
  return { id, lineage, model: 'm', provider: null, prompt: null, promptComplete: false, completion: null, usage: u, isSubagent: false, line: null, timestamp: null, ...extra };
}
const count = (t: string) => t.split(' ').filter(Boolean).length;

test('usage-only traces: repeated_i = min(in_i, in_{i−1} + out_{i−1}) within a lineage, 0 for its first call', () => {
  const tasks: Task[] = [
    { id: 't1', title: null, line: 1, calls: [call('a', 'main', usage(1000, 100, 0)), call('b', 'main', usage(1300, 50, 1000)), call('s', 'sub', usage(400, 20), { isSubagent: true })] },
    // the main lineage carries on into the next human turn
    { id: 't2', title: null, line: 9, calls: [call('c', 'main', usage(1200, 10)), call('d', 'main', usage(2000, 10))] },
  ];
  const [m1, m2] = measureTasks(tasks, count);
  assert.deepEqual(m1!.map((m) => m.repeated), [0, 1100, 0]);
  // c: min(1200, 1300 + 50) = 1200 (context was cut: all of it seen before); d: min(2000, 1200 + 10)
  assert.deepEqual(m2!.map((m) => m.repeated), [1200, 1210]);
  const s1 = taskShape(m1!);
  assert.equal(s1.calls, 3);
  assert.equal(s1.subagentCalls, 1);
  assert.equal(s1.initialInputTokens, 1000);
  assert.equal(s1.meanOutputTokens, (100 + 50 + 20) / 3);
  // calls after the first: new input 1300−1100 = 200 and 400−0 = 400
  assert.equal(s1.meanNewInputTokens, 300);
  assert.equal(s1.repeatedFraction, 1100 / 1700);
  // cache reads recorded on a and b only: (0 + 1000) / (1000 + 1300)
  assert.equal(s1.observedCachedFraction, 1000 / 2300);
  assert.equal(s1.tokenSource, 'recorded');
});

test('unknown numbers stay null: no usage and no prompt', () => {
  const tasks: Task[] = [{ id: 't', title: null, line: null, calls: [call('a', 'main', { ...usage(null, null), source: 'recorded' })] }];
  const [m] = measureTasks(tasks, count);
  const s = taskShape(m!);
  assert.equal(s.initialInputTokens, null);
  assert.equal(s.meanOutputTokens, null);
  assert.equal(s.tokenSource, 'none');
  const c = taskCosts(m!, () => ({ inputPerM: 1, cachedInputPerM: 0.1, cacheWritePerM: null, outputPerM: 2, minCacheableTokens: null }), { costPerReplicaSecond: 1, prefillTokPerS: 1, decodeTokPerS: 1 });
  assert.deepEqual(c, { apiNoCache: null, apiCached: null, apiCachedObserved: null, selfHostReuse: null, selfHostNoReuse: null });
});

test('full prompts: reuse from chained token blocks, each distinct message encoded once', () => {
  const interner = new MessageInterner();
  const sys = interner.intern('system', 'w '.repeat(64).trim());
  const u1 = interner.intern('user', 'x '.repeat(40).trim());
  const a1 = interner.intern('assistant', 'y '.repeat(20).trim());
  const u2 = interner.intern('user', 'z '.repeat(30).trim());
  let encodes = 0;
  const encode = (t: string) => {
    encodes++;
    return t.split(' ').map((w) => w.charCodeAt(0));
  };
  const tokenizerUsage: Usage = { inTotal: null, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: 'tokenizer' };
  const calls = [
    call('1', 'main', tokenizerUsage, { prompt: [sys, u1], promptComplete: true, completion: a1.text }),
    call('2', 'main', tokenizerUsage, { prompt: [sys, u1, a1, u2], promptComplete: true, completion: 'q' }),
  ];
  const [m] = measureTasks([{ id: 't', title: null, line: null, calls }], count, encode);
  assert.equal(m![0]!.input, 104);
  assert.equal(m![0]!.repeated, 0);
  assert.equal(m![1]!.input, 154);
  assert.equal(m![1]!.repeatedMethod, 'prefix-blocks');
  // call 1 + its completion = 2 role marks + 64 + 40 + 1 + 20 = 127 ids → 7 whole blocks (112) are cached;
  // call 2's prompt (158 ids incl. 4 role marks) shares those 7 blocks: 112/158 of its 154 tokens
  assert.equal(m![1]!.repeated, Math.round((154 * 112) / 158));
  assert.equal(m![0]!.inputSource, 'tokenizer');
  // sys, u1 once each; a1 encoded as call 1's completion and as call 2's message; u2; 'q'
  assert.equal(encodes, 6);
});

test('distribution: mean and nearest-rank percentiles over known values', () => {
  assert.deepEqual(distribution([5, null, 1, 3, 2, 4]), { mean: 3, p50: 3, p90: 5, max: 5 });
  assert.deepEqual(distribution([null]), { mean: null, p50: null, p90: null, max: null });
});

test('task costs follow the issue formulas', () => {
  const tasks: Task[] = [{ id: 't', title: null, line: null, calls: [call('a', 'main', usage(1000, 100, 0)), call('b', 'main', usage(1300, 50, 1000))] }];
  const [m] = measureTasks(tasks, count);
  const p = { inputPerM: 2, cachedInputPerM: 0.2, cacheWritePerM: 2.5, outputPerM: 10, minCacheableTokens: null };
  const sh = { costPerReplicaSecond: 0.01, prefillTokPerS: 1000, decodeTokPerS: 100 };
  const c = taskCosts(m!, () => p, sh);
  const eq = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-15, `${a} vs ${b}`);
  eq(c.apiNoCache, (1000 * 2 + 100 * 10 + 1300 * 2 + 50 * 10) / 1e6);
  // apiCached: (in − rep)·p_write + rep·p_cached + out·p_out; rep = 0 then 1100
  eq(c.apiCached, (1000 * 2.5 + 100 * 10 + 200 * 2.5 + 1100 * 0.2 + 50 * 10) / 1e6);
  // observed: call a 1000 uncached; call b 300 uncached + 1000 read
  eq(c.apiCachedObserved, (1000 * 2 + 100 * 10 + 300 * 2 + 1000 * 0.2 + 50 * 10) / 1e6);
  eq(c.selfHostReuse, 0.01 * (1000 / 1000 + 100 / 100 + 200 / 1000 + 50 / 100));
  eq(c.selfHostNoReuse, 0.01 * (1000 / 1000 + 100 / 100 + 1300 / 1000 + 50 / 100));
});
