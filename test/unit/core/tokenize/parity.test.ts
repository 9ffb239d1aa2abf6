// Our counts must equal js-tiktoken's on ordinary text: the O(n log n) merge must not change a
// single count, on real trace text and on strings built to take the long-piece (heap) path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { createTokenCounter } from '../../../../src/core/tokenize/index';
import { sharedTrace } from '../../helpers/shared';
import { referenceCount } from './reference';

const ENCODINGS = ['o200k_base', 'cl100k_base'] as const;

/** Every string value of a JSON document (or of each line of a JSONL file). */
function stringLeaves(path: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const raw = readFileSync(path, 'utf8');
  if (!path.endsWith('.jsonl')) walk(JSON.parse(raw));
  else for (const line of raw.split('\n')) if (line.trim() !== '') walk(JSON.parse(line));
  return out;
}

const traceTexts = [
  ...stringLeaves(sharedTrace('mini-swe-agent/django__django-16255.traj.json')),
  ...stringLeaves(sharedTrace('claude-code/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl')),
  ...stringLeaves(sharedTrace('inspect-ai/2025-05-12T20-28-26-04-00_security-guide.json')),
  readFileSync(sharedTrace('aider/.aider.chat.history.md'), 'utf8'),
];

const handMade = [
  'Hello, world! How are you doing today?',
  "I'll say it's done; they've gone, we'd LL'VE'S",
  'def f(x):\r\n\treturn x ** 2  # squares\n\n\n',
  'Ünïcödé façade — naïve café, 日本語のテキスト, 中文文本, Ελληνικά, русский, עברית, العربية',
  'emoji 😀👍🏽👨‍👩‍👧 and a lone surrogate \ud800 here',
  '1234567890 3.14159 1e-9 0xDEADBEEF',
  '    indented\n        more\n\t\ttabs   trailing   \n',
  'CamelCaseIdentifiersAndHTTPServerURLs snake_case_names kebab-case-names',
  'https://example.com/path/to/file.json?query=1&other=two#frag',
];

for (const encoding of ENCODINGS) {
  test(`${encoding}: counts equal js-tiktoken's on text from the sample traces`, async () => {
    const counter = await createTokenCounter(encoding);
    let ours = 0;
    let theirs = 0;
    for (const text of traceTexts) {
      const a = counter.count(text);
      const b = referenceCount(encoding, text);
      if (a !== b) assert.fail(`count ${a} ≠ js-tiktoken ${b} for ${JSON.stringify(text.slice(0, 80))}`);
      ours += a;
      theirs += b;
    }
    assert.equal(ours, theirs);
    assert.ok(ours > 50_000, `expected a sizeable sample, got ${ours} tokens`);
  });

  test(`${encoding}: counts equal js-tiktoken's on hand-made multilingual text`, async () => {
    const counter = await createTokenCounter(encoding);
    for (const text of handMade) assert.equal(counter.count(text), referenceCount(encoding, text), text);
  });

  test(`${encoding}: counts equal js-tiktoken's on runs long enough to take the heap path`, async () => {
    const counter = await createTokenCounter(encoding);
    for (const unit of ['a', ' ', '.', '-', '=', '\n', 'ab', 'é', '中', '😀', 'xyzzy', '\u0301']) {
      for (const n of [47, 48, 49, 64, 129, 300]) {
        const text = unit.repeat(n);
        assert.equal(counter.count(text), referenceCount(encoding, text), `${JSON.stringify(unit)} × ${n}`);
      }
    }
  });

  test(`${encoding}: counts equal js-tiktoken's on random strings with long runs (property)`, async () => {
    const counter = await createTokenCounter(encoding, { memoEntries: 1 });
    const alphabet = ['a', 'b', 'e', 'A', ' ', '\n', '\t', '1', '.', "'", 's', 'é', '中', '😀', '<', '|'];
    const run = fc.tuple(fc.constantFrom(...alphabet), fc.integer({ min: 1, max: 120 })).map(([c, k]) => c.repeat(k));
    const text = fc.array(fc.oneof(fc.constantFrom(...alphabet), run), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => counter.count(t) === referenceCount(encoding, t)),
      { numRuns: 300, seed: 20260101 },
    );
  });
}
