// Windowed merging of very long pieces (src/core/tokenize/long-piece.ts) must give js-tiktoken's
// tokens. Windows here are tiny (600 units, 256 bytes of overlap) so that moderate texts cross several window
// edges (js-tiktoken is O(n²) per piece, so the texts stay a few KB); the reference is js-tiktoken's own encode on the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BpeCounter } from '../../../../src/core/tokenize/bpe';
import { parseRanks, unwrapRankModule } from '../../../../src/core/tokenize/ranks';
import o200k from 'js-tiktoken/ranks/o200k_base';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { reference } from './reference';

const SMALL = { longPieceChars: 500, windowChars: 600, overlapBytes: 256 };

function windowed(encoding: 'o200k_base' | 'cl100k_base'): BpeCounter {
  const file = unwrapRankModule(encoding === 'o200k_base' ? o200k : cl100k);
  return new BpeCounter(parseRanks(file.bpe_ranks), file.pat_str, SMALL);
}

/** Deterministic pseudo-random text (mulberry32) over an alphabet. */
function randomText(seed: number, n: number, alphabet: string[]): string {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

const CASES: Array<[string, string]> = [
  ['run of a', 'a'.repeat(3_000)],
  ['run of spaces', ' '.repeat(3_000)],
  ['run of 中', '中'.repeat(1_500)],
  ['run of combining acute', '\u0301'.repeat(1_500)],
  ['run of emoji (surrogate pairs)', '😀'.repeat(1_000)],
  ['letters without spaces', randomText(1, 3_000, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ'.split(''))],
  ['mixed scripts in one word', randomText(2, 2_000, ['a', 'é', 'ß', 'я', 'ü', 'n', 't', 'e'])],
  ['digits and punctuation', randomText(3, 5_000, '0123456789.,;:!?-+*/'.split(''))],
  ['ordinary text with a long word', 'Hello world. ' + 'x'.repeat(1500) + 'yz'.repeat(700) + ' the end\n'],
];

for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
  const counter = windowed(encoding);
  for (const [name, text] of CASES) {
    test(`${encoding}: windowed merging of a ${name} equals js-tiktoken`, () => {
      const expected = reference(encoding).encode(text, [], []);
      assert.deepEqual(counter.encode(text), expected);
      assert.equal(counter.count(text), expected.length);
    });
  }
}

test('a window smaller than twice the overlap is refused (no progress would be guaranteed)', () => {
  const file = unwrapRankModule(o200k);
  const bad = new BpeCounter(parseRanks(file.bpe_ranks), file.pat_str, { longPieceChars: 10, windowChars: 100, overlapBytes: 64 });
  assert.throws(() => bad.count('a'.repeat(1000)), RangeError);
});
