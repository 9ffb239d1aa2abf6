import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEncoding } from 'js-tiktoken';
import { createTokenCounter } from '../../../../src/core/tokenize';

const samples = [
  'Hello, world! The quick brown fox jumps over the lazy dog.',
  'def f(x):\n    return x ** 2  # square\n\n\n',
  'Grüße aus Köln — 東京の天気は晴れです 🌤️',
  'a'.repeat(300) + ' ' + ' '.repeat(120) + 'end',
  '<|endoftext|> is plain text here',
];

test('encode gives the same token ids as tiktoken (ordinary text), and as many as count', async () => {
  for (const name of ['o200k_base', 'cl100k_base'] as const) {
    const counter = await createTokenCounter(name);
    const reference = getEncoding(name);
    for (const text of samples) {
      const ids = Array.from(counter.encodeIds!(text));
      assert.deepEqual(ids, reference.encode(text, [], []), `${name}: ${JSON.stringify(text.slice(0, 30))}`);
      assert.equal(ids.length, counter.count(text));
    }
  }
});

test('encode of a 1 MB run of one character is linear and agrees with count', async () => {
  const counter = await createTokenCounter('o200k_base');
  const text = ' '.repeat(1024 * 1024);
  assert.equal(counter.encodeIds!(text).length, counter.count(text));
});
