// The memo: each distinct text is tokenized once, long texts are keyed by hash, the size is bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { TokenCounter, createTokenCounter } from '../../../../src/core/tokenize/index';
import { CountMemo, SHORT_KEY_CHARS } from '../../../../src/core/tokenize/memo';

/** An encoder that counts its calls (1 token per char, so results are checkable). */
function spyEncoder() {
  const seen: string[] = [];
  return { seen, cuts: 0, count: (text: string) => (seen.push(text), text.length) };
}

test('each distinct text is handed to the encoder once, however often it is counted', () => {
  const enc = spyEncoder();
  const counter = new TokenCounter('o200k_base', enc);
  const long = 'x'.repeat(SHORT_KEY_CHARS + 1000);
  const context = ['system prompt', 'user: fix the bug', long];
  // A growing context: call i counts messages 0..i, as an agent's prompt repeats them.
  let total = 0;
  for (let i = 1; i <= context.length; i++) for (const m of context.slice(0, i)) total += counter.count(m);
  assert.equal(total, 3 * 13 + 2 * 17 + long.length);
  assert.deepEqual(enc.seen, context);
  assert.deepEqual(counter.stats, { calls: 6, memoHits: 3, encoded: 3, encodedBytes: 13 + 17 + long.length });
});

test('long texts that differ only near the end are told apart (hash over the whole text)', () => {
  const enc = spyEncoder();
  const counter = new TokenCounter('o200k_base', enc);
  const base = 'y'.repeat(100_000);
  assert.equal(counter.count(base + 'a'), 100_001);
  assert.equal(counter.count(base + 'bc'), 100_002);
  assert.equal(counter.count(base + 'a'), 100_001);
  assert.equal(enc.seen.length, 2);
});

test('the empty string is 0 and never reaches the encoder', async () => {
  const enc = spyEncoder();
  assert.equal(new TokenCounter('o200k_base', enc).count(''), 0);
  assert.equal(enc.seen.length, 0);
  for (const encoding of ['o200k_base', 'cl100k_base'] as const) assert.equal((await createTokenCounter(encoding)).count(''), 0);
});

test('the memo is bounded and drops its oldest entry first', () => {
  const memo = new CountMemo(2);
  let computed = 0;
  const compute = (t: string) => (computed++, t.length);
  for (const t of ['a', 'bb', 'ccc']) memo.lookup(t, compute); // 'a' is dropped here
  assert.equal(memo.size, 2);
  assert.deepEqual(memo.lookup('ccc', compute), { tokens: 3, hit: true });
  assert.deepEqual(memo.lookup('a', compute), { tokens: 1, hit: false });
  assert.equal(computed, 4);
  const long = (c: string) => c.repeat(SHORT_KEY_CHARS + 1);
  for (const c of 'pqr') memo.lookup(long(c), compute);
  assert.equal(memo.size, 4); // at most 2 short keys + 2 hashed keys
  assert.equal(memo.lookup(long('p'), compute).hit, false);
  assert.equal(memo.lookup(long('r'), compute).hit, true);
});

test('a short text that spells a digest does not collide with the hashed long text', () => {
  const memo = new CountMemo(10);
  const long = 'z'.repeat(500);
  memo.lookup(long, () => 7);
  const digest = createHash('sha256').update(long, 'utf8').digest('base64');
  assert.deepEqual(memo.lookup(digest, () => 1), { tokens: 1, hit: false });
});
