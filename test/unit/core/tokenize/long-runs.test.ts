// The worst case is linear: a 1 MB run of one character is one pre-tokenized piece, which
// js-tiktoken needs minutes for. We do not assert time (speed is in bench/tokenizers.ts), only
// that it finishes and that the count is exact (our stated error bound for tiktoken encodings: 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTokenCounter } from '../../../../src/core/tokenize/index';
import { referenceCount } from './reference';

const MB = 1_000_000;

/**
 * The exact count of a run of n × `ch`, computed another way: BPE on a run settles into a period
 * (each extra `period` characters add exactly one token). We check that period with js-tiktoken on
 * short runs, then extrapolate: count(n) = count(r) + (n − r) / period, r ≡ n (mod period).
 */
function runCountByPeriod(encoding: 'o200k_base' | 'cl100k_base', ch: string, period: number, n: number): number {
  for (let k = 1; k <= period + 4; k++) {
    assert.equal(
      referenceCount(encoding, ch.repeat(k + period)),
      referenceCount(encoding, ch.repeat(k)) + 1,
      `period ${period} of ${JSON.stringify(ch)} at ${k}`,
    );
  }
  const r = period + (n % period);
  return referenceCount(encoding, ch.repeat(r)) + (n - r) / period;
}

// [character, period, length]: each 1 MB of UTF-8. Periods hold in both encodings.
const RUNS: Array<[string, number, number]> = [
  ['a', 8, MB],
  [' ', 128, MB],
  ['中', 1, Math.floor(MB / 3)],
  ['\u0301', 1, MB / 2],
];

for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
  for (const [ch, period, n] of RUNS) {
    test(`${encoding}: 1 MB run of ${JSON.stringify(ch)} finishes with the exact count`, async () => {
      const counter = await createTokenCounter(encoding);
      assert.equal(counter.count(ch.repeat(n)), runCountByPeriod(encoding, ch, period, n));
      assert.equal(counter.exact, true);
    });
  }
}
