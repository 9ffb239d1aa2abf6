import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { measureFile } from '../../../../src/core/inference/analyze';
import { measuringOptions } from '../../../../src/core/pipeline/measuring';
import { runJob } from '../../../../src/core/pipeline/worker-jobs';
import { createTokenCounter } from '../../../../src/core/tokenize';
import { readers } from '../../../../src/core/traces/readers';
import { REPO_ROOT } from '../../helpers/shared';

const NO_USAGE = join(REPO_ROOT, 'test/e2e/workspace/traces/openai-no-usage/wiki-answers.jsonl');

test('the worker job measures a file exactly as the in-thread pipeline does (count and encode together)', async () => {
  const r = await runJob({ kind: 'measure', path: NO_USAGE, encoding: 'o200k_base', maxFileBytes: 50 * 1024 * 1024 });
  assert.ok(r.ok && r.kind === 'measure');
  const here = await measureFile(NO_USAGE, measuringOptions({ readers, counter: () => createTokenCounter('o200k_base') }).options);
  assert.deepEqual(r.measures, here);
  // no usage recorded: tokens from our tokenizer, reuse from prefix blocks (calls 2 and 3)
  assert.deepEqual(r.measures.tasks[0]!.perCall.map((c) => c.repeatedMethod), ['first-in-lineage', 'prefix-blocks', 'prefix-blocks']);
});

test('the worker job counts a text; a file over the size budget is not read, a diagnostic says so', async () => {
  const r = await runJob({ kind: 'count', text: 'hello world', encoding: 'o200k_base' });
  // tiktoken o200k_base: "hello", " world"
  assert.ok(r.ok && r.kind === 'count' && r.tokens === 2 && r.exact);
  const big = await runJob({ kind: 'measure', path: NO_USAGE, encoding: 'o200k_base', maxFileBytes: 100 });
  assert.ok(big.ok && big.kind === 'measure');
  assert.match(big.measures.diagnostics[0]!.message, /file-size limit: not read/);
});
