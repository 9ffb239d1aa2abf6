// Special-token text (`<|endoftext|>`) is counted as ordinary text and never throws, unlike
// js-tiktoken's default encode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTokenCounter, countTokensOfText } from '../../../../src/core/tokenize/index';
import { reference, referenceCount } from './reference';

const texts = ['<|endoftext|>', 'before <|endoftext|> after', '<|im_start|>user\nhi<|im_end|>', '<|fim_prefix|><|endofprompt|>'];

for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
  test(`${encoding}: special-token text is counted as plain text`, async () => {
    assert.throws(() => reference(encoding).encode('<|endoftext|>'), /special token/); // the trap we avoid
    const counter = await createTokenCounter(encoding);
    for (const text of texts) {
      const n = counter.count(text);
      assert.equal(n, referenceCount(encoding, text), text);
    }
    // As text, <|endoftext|> is several tokens (as a special token it would be exactly one).
    assert.ok(counter.count('<|endoftext|>') > 1);
    assert.deepEqual(await countTokensOfText('<|endoftext|>', encoding), {
      tokens: referenceCount(encoding, '<|endoftext|>'),
      exact: true,
    });
  });
}
