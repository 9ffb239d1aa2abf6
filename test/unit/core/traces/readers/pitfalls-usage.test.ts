/*
 * Cost-accounting pitfalls other trackers fell into, on usage (each on a small input written here):
 * cached tokens inside vs outside the input count per provider, reasoning tokens inside vs apart from
 * the output, the last usage of a streamed response, duplicates (Codex events re-emitted on resume).
 * Expected numbers are the providers' documented meanings applied by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES } from '../../../../../src/core/traces/io';
import type { Usage } from '../../../../../src/core/traces/model';
import { anthropicUsage, usageSchema } from '../../../../../src/core/traces/readers/claude-code-schema';
import { codexUsage } from '../../../../../src/core/traces/readers/codex-cli-schema';
import { codexCliReader } from '../../../../../src/core/traces/readers/codex-cli';
import { inspectUsage } from '../../../../../src/core/traces/readers/inspect-ai-usage';
import { openAiUsage } from '../../../../../src/core/traces/readers/openai-shapes';
import { usageOf } from '../../../../../src/core/traces/readers/otel-genai-usage';
import { withTempFile } from './claude-code-test-utils';

const LIMITS = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
/** uncached + cache read + cache write = total input, and the uncached part is never negative. */
function split(u: Usage): [number, number, number] {
  const uncached = u.inTotal! - (u.cacheRead ?? 0) - (u.cacheWrite ?? 0);
  assert.ok(uncached >= 0, `negative uncached input in ${JSON.stringify(u)}`);
  return [uncached, u.cacheRead ?? 0, u.cacheWrite ?? 0];
}

test('cached tokens: Anthropic excludes them from input_tokens, OpenAI / DeepSeek / Codex / OTel / Inspect ≥0.3.184 as each documents', () => {
  // Anthropic: input_tokens is the uncached remainder
  assert.deepEqual(split(anthropicUsage(usageSchema.parse({ input_tokens: 10, cache_creation_input_tokens: 300, cache_read_input_tokens: 5000, output_tokens: 50 }))), [10, 5000, 300]);
  // OpenAI Chat Completions: prompt_tokens includes prompt_tokens_details.cached_tokens
  assert.deepEqual(split(openAiUsage({ prompt_tokens: 5310, completion_tokens: 50, prompt_tokens_details: { cached_tokens: 5000 } })!.usage), [310, 5000, 0]);
  // DeepSeek: prompt_tokens = hit + miss
  assert.deepEqual(split(openAiUsage({ prompt_tokens: 1000, completion_tokens: 5, prompt_cache_hit_tokens: 800, prompt_cache_miss_tokens: 200 })!.usage), [200, 800, 0]);
  // LiteLLM in front of Anthropic (older): prompt_tokens = Anthropic's uncached input, cached in the details
  assert.deepEqual(split(openAiUsage({ prompt_tokens: 50, completion_tokens: 264, prompt_tokens_details: { cached_tokens: 5383 } })!.usage), [50, 5383, 0]);
  // Codex: input_tokens includes cached_input_tokens
  assert.deepEqual(split(codexUsage({ input_tokens: 9000, cached_input_tokens: 8000, output_tokens: 100, reasoning_output_tokens: 60, total_tokens: 9100 })), [1000, 8000, 0]);
  // OTel GenAI: gen_ai.usage.input_tokens SHOULD include cache reads and writes
  assert.deepEqual(split(usageOf(new Map<string, unknown>([['gen_ai.usage.input_tokens', 1200], ['gen_ai.usage.cache_read.input_tokens', 900], ['gen_ai.usage.output_tokens', 7]])).usage), [300, 900, 0]);
  // Inspect ≥ 0.3.184 (total_tokens = input + cache + output): input_tokens excludes the cache
  assert.deepEqual(split(inspectUsage({ input_tokens: 100, input_tokens_cache_read: 900, output_tokens: 10, total_tokens: 1010 }, [0, 3, 190], 'openai').usage), [100, 900, 0]);
});

test('reasoning tokens: inside the output for OpenAI / Codex (not added again), apart for Gemini (added)', () => {
  const openai = openAiUsage({ prompt_tokens: 1779, completion_tokens: 226, completion_tokens_details: { reasoning_tokens: 164 } })!.usage;
  assert.deepEqual([openai.output, openai.reasoning], [226, 164]);
  const codex = codexUsage({ input_tokens: 9000, cached_input_tokens: 0, output_tokens: 100, reasoning_output_tokens: 60, total_tokens: 9100 });
  assert.deepEqual([codex.output, codex.reasoning], [100, 60]);
  // Gemini through Inspect (older logs): total = input + output + thoughts, so the thoughts are added
  const gemini = inspectUsage({ input_tokens: 500, output_tokens: 40, reasoning_tokens: 300, total_tokens: 840 }, [0, 3, 100], 'google').usage;
  assert.deepEqual([gemini.output, gemini.reasoning], [340, 300]);
});

const codexLine = (type: string, payload: unknown, ts = '2026-01-01T00:00:00Z') => JSON.stringify({ timestamp: ts, type, payload });
const tokenCount = (total: number, last: number) =>
  codexLine('event_msg', { type: 'token_count', info: { total_token_usage: { input_tokens: total, cached_input_tokens: 0, output_tokens: 10, reasoning_output_tokens: 0, total_tokens: total + 10 }, last_token_usage: { input_tokens: last, cached_input_tokens: 0, output_tokens: 10, reasoning_output_tokens: 0, total_tokens: last + 10 } } });

test('Codex: token_count events written twice, and re-emitted after a resume, count once', async () => {
  const lines = [
    codexLine('session_meta', { id: 's', timestamp: '2026-01-01T00:00:00Z', cwd: '/tmp', originator: 'codex_cli_rs', cli_version: '0.120.0', model_provider: 'openai' }),
    codexLine('turn_context', { model: 'gpt-5.1-codex' }),
    codexLine('event_msg', { type: 'user_message', message: 'fix it' }),
    tokenCount(1000, 1000),
    tokenCount(1000, 1000), // the same event written twice
    tokenCount(2200, 1200),
    // resumed: the session's earlier events are written again, then new work
    tokenCount(1000, 1000),
    tokenCount(2200, 1200),
    codexLine('event_msg', { type: 'user_message', message: 'and the tests' }),
    tokenCount(3600, 1400),
  ];
  await withTempFile(lines.join('\n') + '\n', async (p) => {
    const r = await codexCliReader.read(p, LIMITS);
    assert.deepEqual(r.tasks.map((t) => t.calls.map((c) => c.usage.inTotal)), [[1000, 1200], [1400]]);
    // the re-emitted 2200 follows the re-emitted 1000, whose total was not kept as "previous": it reads as the previous again
    assert.deepEqual(r.diagnostics.map((d) => d.message.replace(/ \(.*/, '')), ['2 repeated token_count events', '1 token_count events repeat an earlier running total']);
  });
});
