// Inspect input_refs fan-out (issue 11 item 3): each pool message is rendered once per sample, and
// past the per-sample cap a call keeps its recorded usage but gets no prompt, with a warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleToTask, newStats } from '../../../../../src/core/traces/readers/inspect-ai-sample';
import { MAX_SAMPLE_REFERENCED_MESSAGES } from '../../../../../src/core/traces/readers/inspect-ai-refs';
import { MessageInterner } from '../../../../../src/core/traces/model';

const POOL = 100_000; // the per-call cap; the sample cap is 1,000,000 references: 10 calls fit, the 11th does not
const pool = Array.from({ length: POOL }, (_, i) => ({ role: 'user', content: `m${i}` }));
const event = (i: number) => ({ event: 'model', model: 'openai/gpt-4o', input: [], input_refs: [[0, POOL]], output: { usage: { input_tokens: 100 + i, output_tokens: 1, total_tokens: 101 + i } } });

test('input_refs: calls within the sample cap share rendered messages; the call past it has no prompt and usage kept', () => {
  assert.equal(MAX_SAMPLE_REFERENCED_MESSAGES, 10 * POOL);
  const stats = newStats();
  const r = sampleToTask({ id: 's', epoch: 1, events: Array.from({ length: 11 }, (_, i) => event(i)), message_pool: pool }, { interner: new MessageInterner(), inspectVersion: null }, stats);
  assert.ok(r.ok && r.task);
  const calls = r.task.calls;
  assert.equal(calls.length, 11);
  for (const c of calls.slice(0, 10)) assert.equal(c.prompt?.length, POOL);
  // the same Message objects, not copies
  assert.equal(calls[0]!.prompt![5], calls[9]!.prompt![5]);
  assert.equal(calls[10]!.prompt, null);
  assert.equal(calls[10]!.promptComplete, false);
  assert.equal(calls[10]!.usage.inTotal, 110);
  assert.deepEqual([...stats.cappedRefs], [['s_epoch_1', 1]]);
  assert.equal(stats.incompletePrompts, 0);
});
