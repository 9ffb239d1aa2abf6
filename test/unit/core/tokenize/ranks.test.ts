// parseRanks reads js-tiktoken's rank files in place into a typed-array table (rank-table.ts). The
// reference here is the plain reading of the same format: split into lines and fields, each token
// decoded with Node's own base64 decoder (Buffer.from), rank = first rank + position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import o200k from 'js-tiktoken/ranks/o200k_base';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { parseRanks, unwrapRankModule } from '../../../../src/core/tokenize/ranks';
import { NO_RANK } from '../../../../src/core/tokenize/rank-table';

function plainReading(bpeRanks: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of bpeRanks.split('\n')) {
    if (line === '') continue;
    const fields = line.split(' ');
    const first = Number(fields[1]);
    for (let i = 2; i < fields.length; i++) out.set(Buffer.from(fields[i] ?? '', 'base64').toString('latin1'), first + i - 2);
  }
  return out;
}

const binary = (...bytes: number[]): string => String.fromCharCode(...bytes);

for (const [name, mod] of [['o200k_base', o200k], ['cl100k_base', cl100k]] as const) {
  test(`${name}: every token of the rank file has its rank, and the longest token is measured`, () => {
    const file = unwrapRankModule(mod);
    const expected = plainReading(file.bpe_ranks);
    const { ranks, maxTokenBytes } = parseRanks(file.bpe_ranks);
    assert.equal(ranks.size, expected.size);
    let longest = 0;
    for (const [bytes, rank] of expected) {
      if (ranks.get(bytes, 0, bytes.length) !== rank) assert.fail(`${JSON.stringify(bytes)}: ${ranks.get(bytes, 0, bytes.length)} instead of ${rank}`);
      longest = Math.max(longest, bytes.length);
    }
    assert.equal(maxTokenBytes, longest);
  });
}

test('a lookup reads a range of a longer string, and bytes that are no token have no rank', () => {
  // ranks: "a" 0, "b" 1, "ab" 2; single bytes 3… so that the file is complete
  const singles = Array.from({ length: 256 }, (_, b) => Buffer.from([b]).toString('base64')).join(' ');
  const file = `x 0 ${Buffer.from('a').toString('base64')} ${Buffer.from('b').toString('base64')} ${Buffer.from('ab').toString('base64')}\ny 3 ${singles}\n`;
  const { ranks } = parseRanks(file);
  const text = 'xxabyy';
  assert.equal(ranks.get(text, 2, 4), 2); // "ab"
  assert.equal(ranks.get(text, 2, 3), 3 + 0x61); // "a": the later line's rank wins, as a Map.set would
  assert.equal(ranks.get(text, 1, 4), NO_RANK); // "xab"
  assert.equal(ranks.get(binary(0xff, 0x00), 0, 2), NO_RANK);
  assert.equal(ranks.get(binary(0xff), 0, 1), 3 + 0xff);
});

test('a malformed rank file is refused', () => {
  const singles = Array.from({ length: 256 }, (_, b) => Buffer.from([b]).toString('base64')).join(' ');
  assert.throws(() => parseRanks(`x y ${singles}`), /bad rank line/);
  assert.throws(() => parseRanks(`x 0 ${singles} ab!c`), /bad base64/);
  assert.throws(() => parseRanks(`x 0 ${singles.split(' ').slice(1).join(' ')}`), /lacks the single byte/);
});
