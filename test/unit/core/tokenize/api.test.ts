// The public API around the counters: lazy loading, encoding names, model → encoding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countTokensOfText,
  createTokenCounter,
  encodingForModel,
  isEncodingId,
  loadedEncodings,
  type EncodingId,
} from '../../../../src/core/tokenize/index';

// Runs first in this file: nothing is loaded before a counter is asked for, then only that one.
test('encoding data loads lazily, only for the encoding asked for, once', async () => {
  assert.deepEqual(loadedEncodings(), []);
  const [a, b] = await Promise.all([createTokenCounter('cl100k_base'), createTokenCounter('cl100k_base')]);
  assert.deepEqual(loadedEncodings(), ['cl100k_base']);
  assert.equal(a.count('shared data'), b.count('shared data'));
});

test('countTokensOfText returns the count and whether it is exact', async () => {
  assert.deepEqual(await countTokensOfText('Hello, world!'), { tokens: 4, exact: true });
  assert.deepEqual(await countTokensOfText('', 'cl100k_base'), { tokens: 0, exact: true });
});

test('o200k and cl100k differ where their vocabularies do', async () => {
  const text = 'Здравствуйте, как ваши дела сегодня?';
  const [a, b] = [await countTokensOfText(text, 'o200k_base'), await countTokensOfText(text, 'cl100k_base')];
  assert.ok(a.tokens < b.tokens, `o200k ${a.tokens} vs cl100k ${b.tokens}`);
});

test('an unknown encoding is rejected with the list of known ones', async () => {
  await assert.rejects(createTokenCounter('p50k_base' as EncodingId), /one of o200k_base, cl100k_base, qwen3, deepseek-v3/);
  assert.equal(isEncodingId('o200k_base'), true);
  assert.equal(isEncodingId('gpt2'), false);
});

test('encodingForModel names the model’s own tokenizer, or nothing', () => {
  const cases: Array<[string, EncodingId | undefined]> = [
    ['gpt-4o-mini', 'o200k_base'],
    ['openai/gpt-4.1', 'o200k_base'],
    ['gpt-5.1-codex-max', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['gpt-4-0613', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['Qwen/Qwen3-32B', 'qwen3'],
    ['deepseek-chat', 'deepseek-v3'],
    ['deepseek-ai/DeepSeek-V3', 'deepseek-v3'],
    ['claude-opus-4-6', undefined],
    ['gemini-3-pro-preview', undefined],
    ['llama-4-maverick', undefined],
  ];
  for (const [model, encoding] of cases) assert.equal(encodingForModel(model), encoding, model);
});
