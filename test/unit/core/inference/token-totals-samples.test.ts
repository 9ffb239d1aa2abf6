/*
 * The `tokens` totals of every sample in ../shared/traces that records usage, recomputed here from the
 * raw files without our readers: Σ over the recorded usage fields, or the totals the file records
 * itself (Inspect `stats.model_usage`, OpenHands `metrics.accumulated_token_usage`, SWE-agent
 * `model_stats`, Aider's `> Tokens:` lines). `input` includes cached tokens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeFile, type AnalyzeOptions, type FileAnalysis } from '../../../../src/core/inference/analyze';
import { fileSpend, taskSpend, type TokenTotals } from '../../../../src/core/inference/token-totals';
import { readers } from '../../../../src/core/traces/readers';
import { createTokenCounter } from '../../../../src/core/tokenize';
import { sharedTrace } from '../../helpers/shared';
import { readZipEntry } from './zip-entry';

type Raw = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const rec = (v: unknown): Raw => (typeof v === 'object' && v !== null ? (v as Raw) : {});

let opts: Promise<AnalyzeOptions> | null = null;
async function analyze(rel: string): Promise<FileAnalysis> {
  opts ??= createTokenCounter('o200k_base').then((c) => ({ readers, tokenizer: async () => ({ count: (t: string) => c.count(t) }), priceOf: () => null, selfHost: null }));
  return analyzeFile(sharedTrace(rel), await opts);
}
const jsonl = (rel: string): Raw[] => readFileSync(sharedTrace(rel), 'utf8').split('\n').filter((l) => l.trim()).flatMap((l) => { try { return [JSON.parse(l) as Raw]; } catch { return []; } });

/** Anthropic usage: input_tokens is the uncached remainder; the last line of a request holds its final usage. */
function claudeCode(rel: string): TokenTotals {
  const byRequest = new Map<string, Raw>();
  const seen = new Set<unknown>();
  for (const o of jsonl(rel)) {
    if (o.uuid !== undefined && seen.has(o.uuid)) continue;
    seen.add(o.uuid);
    const m = rec(o.message);
    if (o.type !== 'assistant' || m.model === '<synthetic>' || o.isApiErrorMessage === true || !m.usage) continue;
    byRequest.set(String(o.requestId ?? m.id), rec(m.usage));
  }
  const t = { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 };
  for (const u of byRequest.values()) {
    t.input += num(u.input_tokens) + num(u.cache_creation_input_tokens) + num(u.cache_read_input_tokens);
    t.cacheRead += num(u.cache_read_input_tokens);
    t.cacheWrite += num(u.cache_creation_input_tokens);
    t.output += num(u.output_tokens);
  }
  return t;
}

/** Codex: Σ last_token_usage of token_count events, an event repeating the previous cumulative total dropped. */
function codex(rel: string): TokenTotals {
  const t = { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 };
  let prev = '';
  for (const o of jsonl(rel)) {
    const p = rec(o.payload);
    const info = rec(p.info);
    if (o.type !== 'event_msg' || p.type !== 'token_count' || !p.info) continue;
    const total = JSON.stringify(info.total_token_usage);
    if (total === prev) continue;
    prev = total;
    const u = rec(info.last_token_usage);
    t.input += num(u.input_tokens); // includes cached_input_tokens
    t.cacheRead += num(u.cached_input_tokens);
    t.output += num(u.output_tokens); // includes reasoning_output_tokens
  }
  return t; // OpenAI bills no cache writes: 0
}

test('Claude Code and Codex samples: tokens totals equal the sums of the recorded usage', async () => {
  for (const f of ['1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl', '5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl', 'agent-test-hash-123.jsonl', 'agent-test-hash-456.jsonl', 'entire-cli__a6e4c2a0fbd1__full.jsonl', 'fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl', 'sidechain_integrated.jsonl']) {
    assert.deepEqual(fileSpend(await analyze(`claude-code/${f}`)).tokens, claudeCode(`claude-code/${f}`), f);
  }
  for (const f of ['exported-session.jsonl', 'openclaw-agent__codex-session.vscode.jsonl']) {
    assert.deepEqual(fileSpend(await analyze(`codex-cli/${f}`)).tokens, codex(`codex-cli/${f}`), f);
  }
});

/** OpenAI-style usage as tau2 and mini-swe-agent store it (LiteLLM / OpenRouter / DeepSeek responses). */
function openAiStyle(usages: Raw[], model: (i: number) => string): { input: number; cacheRead: number | null; output: number } {
  let input = 0;
  let cacheRead: number | null = null;
  let output = 0;
  usages.forEach((u, i) => {
    const cached = rec(u.prompt_tokens_details).cached_tokens ?? u.prompt_cache_hit_tokens;
    // Older LiteLLM copied Anthropic's input_tokens (the uncached remainder) into prompt_tokens and the
    // cache read into prompt_tokens_details only; newer LiteLLM adds the top-level Anthropic fields and
    // counts the cache inside prompt_tokens (both kinds are in the cascata sample: total_tokens = prompt + completion)
    const excludesCache = model(i).startsWith('claude') && !('cache_read_input_tokens' in u);
    input += num(u.prompt_tokens) + (excludesCache ? num(cached) : 0);
    if (typeof cached === 'number') cacheRead = (cacheRead ?? 0) + cached;
    output += num(u.completion_tokens);
  });
  return { input, cacheRead, output };
}

test('tau2 and mini-swe-agent samples: tokens totals equal the sums of the recorded usage', async () => {
  for (const f of ['2025-08-10T02-44-06_telecom_llm_agent_gpt-4o_user_simulator_gpt-4o.json', 'adaptive_agent_airline_opus46_cascata.json', 'adaptive-agent_medical_claude-opus-4-6_1trial.json', 'e2e_mock_baseline.json', 'gpt-4.1_airline_default_gpt-4.1_1trials.json']) {
    const doc = JSON.parse(readFileSync(sharedTrace(`tau2-bench/${f}`), 'utf8')) as unknown;
    const sims = (Array.isArray(doc) ? doc : (rec(doc).simulations as unknown[])) as Raw[];
    const agent = sims.flatMap((s) => (s.messages as Raw[]).filter((m) => m.role === 'assistant' && m.usage != null));
    // the full response's usage where raw_data is a dict (it has the cache split), else the message's
    const usages = agent.map((m) => (typeof m.raw_data === 'object' && m.raw_data !== null && rec(m.raw_data).usage ? rec(rec(m.raw_data).usage) : rec(m.usage)));
    const models = agent.map((m) => String(rec(m.raw_data).model ?? ''));
    const e = openAiStyle(usages, (i) => models[i]!);
    const got = fileSpend(await analyze(`tau2-bench/${f}`)).tokens;
    assert.deepEqual([got.input, got.cacheRead, got.output], [e.input, e.cacheRead, e.output], f);
  }
  for (const f of ['django__django-16255.traj.json', 'pytest-dev__pytest-7324.traj.json', 'sphinx-doc__sphinx-7440.traj.json']) {
    const doc = JSON.parse(readFileSync(sharedTrace(`mini-swe-agent/${f}`), 'utf8')) as Raw;
    const usages = (doc.messages as Raw[]).filter((m) => m.role === 'assistant').map((m) => rec(rec(rec(m.extra).response).usage));
    const e = openAiStyle(usages, () => 'gemini');
    const got = fileSpend(await analyze(`mini-swe-agent/${f}`)).tokens;
    assert.deepEqual([got.input, got.cacheRead, got.output], [e.input, e.cacheRead, e.output], f);
  }
});

/** Inspect: Σ usage of the model events outside scorer spans (a model-graded scorer is not the agent under test). */
function inspectAgentUsage(samples: Raw[]): Raw[] {
  return samples.flatMap((sample) => {
    const events = sample.events as Raw[];
    const spans = new Map(events.filter((e) => e.event === 'span_begin').map((e) => [e.id, e]));
    const inScorer = (id: unknown): boolean => {
      for (let span = spans.get(id); span; span = spans.get(span.parent_id)) if (span.type === 'scorer' || span.type === 'scorers') return true;
      return false;
    };
    return events.filter((e) => e.event === 'model' && !inScorer(e.span_id)).map((e) => rec(rec(e.output).usage));
  });
}

test('Inspect samples: tokens totals equal the sums over the agent\'s model events (the log\'s stats.model_usage where no scorer calls a model)', async () => {
  const sums = (usage: Raw[]) => ({
    input: usage.reduce((s, u) => s + num(u.input_tokens), 0), // OpenAI-backed: includes the cached ones
    output: usage.reduce((s, u) => s + num(u.output_tokens), 0),
    cacheRead: usage.some((u) => typeof u.input_tokens_cache_read === 'number') ? usage.reduce((s, u) => s + num(u.input_tokens_cache_read), 0) : null,
  });
  for (const f of ['2025-05-12T20-27-36-04-00_browser.json', '2025-05-12T20-28-26-04-00_security-guide.json']) {
    const doc = JSON.parse(readFileSync(sharedTrace(`inspect-ai/${f}`), 'utf8')) as Raw;
    const got = fileSpend(await analyze(`inspect-ai/${f}`)).tokens;
    assert.deepEqual({ input: got.input, output: got.output, cacheRead: got.cacheRead }, sums(inspectAgentUsage(doc.samples as Raw[])), f);
  }
  // these two .eval logs have no model-graded scorer: their header's stats.model_usage is the agent's total
  for (const f of ['2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval', 'log_streaming.eval']) {
    const header = JSON.parse(await readZipEntry(sharedTrace(`inspect-ai/${f}`), 'header.json')) as Raw;
    const got = fileSpend(await analyze(`inspect-ai/${f}`)).tokens;
    assert.deepEqual({ input: got.input, output: got.output, cacheRead: got.cacheRead }, sums(Object.values(rec(rec(header.stats).model_usage)).map(rec)), f);
  }
});

test('OpenHands: a task whose calls all record usage totals the instance\'s accumulated_token_usage; one with a call of unknown usage is null', async () => {
  const lines = jsonl('openhands/multi_swe_bench_output.jsonl');
  const f = await analyze('openhands/multi_swe_bench_output.jsonl');
  for (const o of lines) {
    const m = rec(o.metrics);
    const acc = rec(m.accumulated_token_usage);
    const t = f.tasks.find((x) => x.id === o.instance_id)!;
    const spend = taskSpend(t);
    // a call listed only in response_latencies has no usage: the task's output total is unknown
    const unknownCalls = (m.response_latencies as unknown[]).length - (m.token_usages as unknown[]).length;
    if (unknownCalls === 0) assert.deepEqual([spend.tokens.input, spend.tokens.output], [acc.prompt_tokens, acc.completion_tokens], String(o.instance_id));
    else assert.equal(spend.tokens.output, null, String(o.instance_id));
  }
  // basic.json: 2 responses (one logged on two events, same id); LiteLLM prompt_tokens include the cache split
  assert.deepEqual(fileSpend(await analyze('openhands/basic.json')).tokens, { input: 3486 + 4646, cacheRead: 0 + 3482, cacheWrite: 3482 + 1158, output: 1135 + 177 });
});

test('SWE-agent and Aider: tokens totals equal the totals the file records', async () => {
  for (const f of ['pydicom__pydicom-1458.traj', 'swe-agent__test-repo-i1.traj']) {
    const s = rec(rec((JSON.parse(readFileSync(sharedTrace(`swe-agent/${f}`), 'utf8')) as Raw).info).model_stats);
    const got = fileSpend(await analyze(`swe-agent/${f}`)).tokens;
    assert.deepEqual([got.input, got.output], [s.tokens_sent, s.tokens_received], f);
  }
  // Aider prints "> Tokens: 3.2k sent, 222 received." after each reply (k = ×1000, as Aider rounds it)
  const md = readFileSync(sharedTrace('aider/.aider.chat.history.md'), 'utf8');
  const n = (s: string) => Math.round(parseFloat(s) * (s.endsWith('k') ? 1000 : 1));
  let sent = 0;
  let received = 0;
  for (const m of md.matchAll(/^> Tokens: ([\d.]+k?) sent(?:, [\d.]+k? cache \w+)*, ([\d.]+k?) received/gm)) {
    sent += n(m[1]!);
    received += n(m[2]!);
  }
  const got = fileSpend(await analyze('aider/.aider.chat.history.md')).tokens;
  assert.deepEqual([got.input, got.output], [sent, received]);
});

test('mini-swe-agent and SWE-agent: the instance_cost the file records is reported beside our cost, as recorded', async () => {
  for (const f of ['mini-swe-agent/django__django-16255.traj.json', 'mini-swe-agent/pytest-dev__pytest-7324.traj.json', 'swe-agent/pydicom__pydicom-1458.traj']) {
    const stats = rec(rec((JSON.parse(readFileSync(sharedTrace(f), 'utf8')) as Raw).info).model_stats);
    assert.equal(fileSpend(await analyze(f)).recordedCost, stats.instance_cost, f);
  }
  // a demonstration records instance_cost 0 with all-zero token totals: not a billed run, no recorded cost
  assert.equal(fileSpend(await analyze('swe-agent/marshmallow-code__marshmallow-1867.function_calling_replace.traj')).recordedCost, null);
});

test('Cline, Copilot Chat, Qwen Code and OpenCode samples: tokens totals equal the sums of the recorded usage', async () => {
  // Cline ui_messages.json: each api_req_started row's text is JSON; tokensIn is the uncached remainder (INDEX.md)
  for (const f of ['cline/cline-xray__ui_messages.json', 'cline/fineye__ui_messages.json', 'cline/online-card-architecture__1769053680585/ui_messages.json']) {
    const rows = (JSON.parse(readFileSync(sharedTrace(f), 'utf8')) as Raw[]).filter((r) => r.say === 'api_req_started').map((r) => rec(JSON.parse(String(r.text))));
    const sum = (k: string) => rows.reduce((s, r) => s + num(r[k]), 0);
    const e = { input: sum('tokensIn') + sum('cacheWrites') + sum('cacheReads'), cacheRead: sum('cacheReads'), cacheWrite: sum('cacheWrites'), output: sum('tokensOut') };
    assert.deepEqual(fileSpend(await analyze(f)).tokens, e, f);
  }
  // Copilot Chat: requests[].result.promptTokens / outputTokens, no cache fields (unknown, null)
  const copilot = 'copilot-chat/copilot-token-tracker__session-01-today.json';
  const results = ((JSON.parse(readFileSync(sharedTrace(copilot), 'utf8')) as Raw).requests as Raw[]).map((r) => rec(r.result));
  assert.deepEqual(fileSpend(await analyze(copilot)).tokens, { input: results.reduce((s, r) => s + num(r.promptTokens), 0), cacheRead: null, cacheWrite: null, output: results.reduce((s, r) => s + num(r.outputTokens), 0) });
  // Qwen Code: Gemini usageMetadata on assistant records (promptTokenCount includes the cached part; thoughts add to the output)
  const qwen = 'gemini-cli/qwen-code__splitrail_fixture.jsonl';
  const meta = jsonl(qwen).filter((o) => o.type === 'assistant').map((o) => rec(o.usageMetadata));
  const qsum = (k: string) => meta.reduce((s, u) => s + num(u[k]), 0);
  assert.deepEqual(fileSpend(await analyze(qwen)).tokens, { input: qsum('promptTokenCount'), cacheRead: qsum('cachedContentTokenCount'), cacheWrite: 0, output: qsum('candidatesTokenCount') + qsum('thoughtsTokenCount') });
  // OpenCode: assistant messages' info.tokens; input excludes cache read/write, reasoning is apart from output (added)
  const opencode = (tokens: Raw[]) => ({
    input: tokens.reduce((s, t) => s + num(t.input) + num(rec(t.cache).read) + num(rec(t.cache).write), 0),
    cacheRead: tokens.reduce((s, t) => s + num(rec(t.cache).read), 0),
    cacheWrite: tokens.reduce((s, t) => s + num(rec(t.cache).write), 0),
    output: tokens.reduce((s, t) => s + num(t.output) + num(t.reasoning), 0),
  });
  for (const f of ['opencode/cap__opencode-export.json', 'opencode/pfm-categorization__opencode-export.json']) {
    const msgs = ((JSON.parse(readFileSync(sharedTrace(f), 'utf8')) as Raw).messages as Raw[]).map((m) => rec(m.info)).filter((i) => i.role === 'assistant');
    assert.deepEqual(fileSpend(await analyze(f)).tokens, opencode(msgs.map((i) => rec(i.tokens))), f);
  }
  const legacy = 'opencode/tokscale-fixture/storage/message/test-project/msg_test001.json';
  assert.deepEqual(fileSpend(await analyze(legacy)).tokens, opencode([rec((JSON.parse(readFileSync(sharedTrace(legacy), 'utf8')) as Raw).tokens)]));
});
