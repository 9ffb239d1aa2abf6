import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  chatMessageText,
  completionText,
  contentText,
  openAiUsage,
  safeStringify,
  toolCallsText,
} from '../../../../../src/core/traces/readers/openai-shapes';

test('OpenAI Chat Completions usage: prompt_tokens already includes cached tokens', () => {
  const n = openAiUsage({
    prompt_tokens: 2006,
    completion_tokens: 300,
    prompt_tokens_details: { cached_tokens: 1920 },
    completion_tokens_details: { reasoning_tokens: 192 },
  });
  assert.deepEqual(n, {
    usage: { inTotal: 2006, cacheRead: 1920, cacheWrite: null, output: 300, reasoning: 192, source: 'recorded' },
    cachedExcluded: false,
    provider: null,
  });
});

test('OpenAI Responses API usage: input_tokens / output_tokens and their details', () => {
  const n = openAiUsage({
    input_tokens: 5000,
    input_tokens_details: { cached_tokens: 4096 },
    output_tokens: 700,
    output_tokens_details: { reasoning_tokens: 500 },
    total_tokens: 5700,
  });
  assert.deepEqual(n?.usage, { inTotal: 5000, cacheRead: 4096, cacheWrite: null, output: 700, reasoning: 500, source: 'recorded' });
});

test('DeepSeek usage: prompt_cache_hit_tokens is the cached part of prompt_tokens', () => {
  // A real call (task 0) of tau2-bench/adaptive_agent_airline_opus46_cascata.json: hit + miss = prompt.
  const n = openAiUsage({
    completion_tokens: 55,
    prompt_tokens: 4970,
    total_tokens: 5025,
    completion_tokens_details: null,
    prompt_tokens_details: { cached_tokens: 4928 },
    prompt_cache_hit_tokens: 4928,
    prompt_cache_miss_tokens: 42,
  });
  assert.equal(n?.usage.inTotal, 4970);
  assert.equal(n?.usage.cacheRead, 4928);
  assert.equal(n?.usage.cacheWrite, null);
  assert.equal(n?.provider, 'deepseek');
});

test('OpenRouter usage (via litellm): reasoning tokens, provider from is_byok', () => {
  // First call of mini-swe-agent/django__django-16255.traj.json.
  const n = openAiUsage({
    prompt_tokens: 1779,
    completion_tokens: 226,
    total_tokens: 2005,
    cost: 0.00627,
    is_byok: false,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0, video_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 164, image_tokens: 0 },
  });
  assert.deepEqual(n?.usage, { inTotal: 1779, cacheRead: 0, cacheWrite: null, output: 226, reasoning: 164, source: 'recorded' });
  assert.equal(n?.provider, 'openrouter');
});

test('LiteLLM Anthropic usage: prompt_tokens includes cache reads and writes', () => {
  // Second call of openhands/basic.json: 3482 read + 1158 written ⊂ 4646.
  const n = openAiUsage({
    completion_tokens: 177,
    prompt_tokens: 4646,
    prompt_tokens_details: { audio_tokens: null, cached_tokens: 3482 },
    cache_creation_input_tokens: 1158,
    cache_read_input_tokens: 3482,
  });
  assert.deepEqual(n?.usage, { inTotal: 4646, cacheRead: 3482, cacheWrite: 1158, output: 177, reasoning: null, source: 'recorded' });
  assert.equal(n?.cachedExcluded, false);
});

test('Anthropic counts copied into prompt_tokens (cached > prompt): in_total rebuilt', () => {
  // First call of tau2-bench/adaptive-agent_medical_claude-opus-4-6_1trial.json: 50 uncached + 5383 cached.
  const n = openAiUsage({ completion_tokens: 264, prompt_tokens: 50, prompt_tokens_details: { audio_tokens: null, cached_tokens: 5383 } });
  assert.equal(n?.usage.inTotal, 5433);
  assert.equal(n?.usage.cacheRead, 5383);
  assert.equal(n?.cachedExcluded, true);
  // With a cache write reported too, it is part of the total as in Anthropic's own usage.
  const w = openAiUsage({ prompt_tokens: 10, completion_tokens: 1, cache_read_input_tokens: 100, cache_creation_input_tokens: 30 });
  assert.equal(w?.usage.inTotal, 140);
});

test('usage: wrong types and negative numbers are unknown (null), never 0; no counts at all is not a usage', () => {
  const n = openAiUsage({ prompt_tokens: '12', completion_tokens: -3, prompt_tokens_details: { cached_tokens: 'x' } });
  assert.equal(n, null);
  const m = openAiUsage({ prompt_tokens: 12, completion_tokens: null });
  assert.deepEqual(m?.usage, { inTotal: 12, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: 'recorded' });
  assert.equal(openAiUsage(null), null);
  assert.equal(openAiUsage([1, 2]), null);
  assert.equal(openAiUsage({ total_tokens: 5 }), null);
});

test('message text: string, parts, tool calls of both shapes, legacy function_call', () => {
  assert.deepEqual(chatMessageText({ role: 'user', content: 'hi' }), { role: 'user', text: 'hi' });
  assert.deepEqual(
    chatMessageText({ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'image_url', image_url: { url: 'x' } }, 'b'] }),
    { role: 'user', text: 'a\n[image]\nb' },
  );
  assert.deepEqual(
    chatMessageText({
      role: 'assistant',
      content: 'Let me look.',
      tool_calls: [{ id: 'c', type: 'function', function: { name: 'bash', arguments: '{"cmd":"ls"}' } }],
    }),
    { role: 'assistant', text: 'Let me look.\nbash({"cmd":"ls"})' },
  );
  // tau2's flat shape, arguments as an object
  assert.equal(toolCallsText([{ id: 'x', name: 'get_user', arguments: { id: 7 }, requestor: 'assistant' }]), 'get_user({"id":7})');
  assert.deepEqual(chatMessageText({ role: 'assistant', content: null, function_call: { name: 'f', arguments: '{}' } }), {
    role: 'assistant',
    text: 'f({})',
  });
  assert.deepEqual(chatMessageText({ role: 'function', content: 'result' }), { role: 'tool', text: 'result' });
  assert.equal(chatMessageText({ role: 'exit', content: '' }), null);
  assert.equal(chatMessageText('user'), null);
});

test('completionText takes the first choice of a chat.completion', () => {
  const r = { choices: [{ message: { role: 'assistant', content: 'ok', tool_calls: [{ function: { name: 'finish', arguments: '{}' } }] } }] };
  assert.equal(completionText(r), 'ok\nfinish({})');
  assert.equal(completionText({ choices: [] }), null);
  assert.equal(completionText({}), null);
});

test('rendering never throws, whatever the value (fuzz)', () => {
  fc.assert(
    fc.property(fc.anything(), (v) => {
      assert.equal(typeof contentText(v), 'string');
      assert.equal(typeof toolCallsText(v), 'string');
      assert.equal(typeof safeStringify(v), 'string');
      chatMessageText(v);
      completionText(v);
      const n = openAiUsage(v);
      if (n) {
        for (const k of ['inTotal', 'cacheRead', 'cacheWrite', 'output', 'reasoning'] as const) {
          const x = n.usage[k];
          assert.ok(x === null || (Number.isInteger(x) && x >= 0), `${k}=${String(x)}`);
        }
      }
    }),
    { numRuns: 500 },
  );
  // A value JSON.stringify cannot handle
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.equal(safeStringify(cyclic), '[unrenderable value]');
  assert.equal(contentText(cyclic), '[unrenderable value]');
});
