/**
 * Hostile and unlucky input for AgentCost (issue 11), written to a folder: every case the issue
 * lists, each with what the CLI must say about it. `scale: 'full'` writes the sizes (a zip
 * entry inflating to 140 MB, a 200 MB line) for bench/hostile.ts; `'test'` writes the same shapes
 * small enough for the unit suite (test/unit/hostile/cli-hostile.test.ts).
 */
import { zipOf } from '../support/zip';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Scale = 'test' | 'full';

export interface HostileCase {
  name: string;
  /** CLI arguments (paths inside the corpus folder are absolute). */
  args: string[];
  /** Files the case reads, for "peak memory vs the largest file". */
  files: string[];
  /** Each must appear in stdout or stderr. */
  expect: RegExp[];
  /** Expected exit code (never 2: that is our bug). */
  exit: 0 | 1;
  /** For the benchmark: a case that used to hang is killed after this many seconds (not an assertion). */
  hangGuardS?: number;
}

const SIZES = {
  test: { bombBytes: 2_000_000, lineBytes: 2_000_000, refEvents: 200, refPool: 600, deepSchema: 100_000 },
  full: { bombBytes: 140_000_000, lineBytes: 200_000_000, refEvents: 1000, refPool: 2000, deepSchema: 100_000 },
} as const;

export { zipOf } from '../support/zip';

/** A Claude Code session line: one assistant response with the given usage (and model). */
function claudeLine(n: number, usage: Record<string, number>, model = 'claude-sonnet-4-20250514'): string {
  return JSON.stringify({
    parentUuid: n > 1 ? `u${n - 1}` : null,
    isSidechain: false,
    userType: 'external',
    cwd: '/tmp/demo',
    sessionId: 'hostile-session',
    version: '2.0.46',
    type: 'assistant',
    uuid: `u${n}`,
    timestamp: `2025-10-01T09:00:0${n}Z`,
    requestId: `req_${n}`,
    message: { id: `msg_${n}`, type: 'message', role: 'assistant', model, content: [{ type: 'text', text: 'ok' }], usage },
  });
}

function claudeUser(n: number, text: string): string {
  return JSON.stringify({ parentUuid: null, isSidechain: false, userType: 'external', cwd: '/tmp/demo', sessionId: 'hostile-session', version: '2.0.46', type: 'user', uuid: `u${n}`, timestamp: `2025-10-01T09:00:0${n}Z`, message: { role: 'user', content: text } });
}

const GOOD_USAGE = { input_tokens: 1200, cache_creation_input_tokens: 0, cache_read_input_tokens: 800, output_tokens: 150 };

/** A nested JSON value `depth` levels deep, as text (JSON.stringify itself would overflow the stack). */
function deepJson(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Issue #11's .eval: a sample entry inflating to one run of "a" `bombBytes` long (136 KB on disk at 140 MB); no usage, so it would be tokenized. */
export function writeEvalBomb(path: string, bombBytes: number = SIZES.full.bombBytes): void {
  const run = Buffer.alloc(bombBytes, 'a');
  const sample = Buffer.concat([
    Buffer.from('{"id":1,"epoch":1,"input":"hi","events":[{"event":"model","model":"openai/gpt-4o","input":[{"role":"user","content":"'),
    run,
    Buffer.from('"}],"output":{"choices":[{"message":{"role":"assistant","content":"ok"}}]}}]}'),
  ]);
  writeFileSync(path, zipOf([{ name: 'header.json', data: Buffer.from('{"version":2,"status":"success","eval":{"task":"t","model":"openai/gpt-4o"}}') }, { name: 'samples/1_epoch_1.json', data: sample }]));
}

/** Issue #11's Inspect log: `events` model events, each referencing the whole pool of `pool` messages through input_refs. */
export function writeRefFanout(path: string, events: number = SIZES.full.refEvents, pool: number = SIZES.full.refPool): void {
  const messages = Array.from({ length: pool }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `message ${i} `.repeat(200) }));
  const model = Array.from({ length: events }, (_, i) => ({ event: 'model', model: 'openai/gpt-4o', input: [], input_refs: [[0, pool]], output: { usage: { input_tokens: 1000 + i, output_tokens: 10, total_tokens: 1010 + i } } }));
  writeFileSync(path, JSON.stringify({ version: 2, status: 'success', eval: { eval_id: 'e', task_id: 't', task: 't', model: 'openai/gpt-4o' }, samples: [{ id: 1, epoch: 1, input: 'hi', events: model, message_pool: messages }] }));
}

export function writeCorpus(dir: string, scale: Scale): HostileCase[] {
  const size = SIZES[scale];
  mkdirSync(dir, { recursive: true });
  const p = (...parts: string[]) => join(dir, ...parts);
  const cases: HostileCase[] = [];

  // 1. A .eval whose sample entry inflates to a run of "a" (136 KB on disk at full scale); no usage, so it is tokenized.
  writeEvalBomb(p('bomb.eval'), size.bombBytes);
  // at full size the entry is refused as a zip bomb (ratio over 500:1); small, it is read and tokenized
  cases.push({ name: 'eval entry inflating to a run of "a"', args: ['analyze', p('bomb.eval'), '--json'], files: [p('bomb.eval')], expect: scale === 'full' ? [/refused as a likely zip bomb/] : [/"format": "inspect-ai"/, /"tokenSource": "tokenizer"/], exit: 0 });

  // 1b. One huge line of "a" for `tokens`.
  writeFileSync(p('one-line.txt'), Buffer.alloc(size.lineBytes, 'a'));
  cases.push({ name: 'tokens on one huge line', args: ['tokens', p('one-line.txt')], files: [p('one-line.txt')], expect: [new RegExp(`${size.lineBytes / 8} tokens`)], exit: 0 });

  // 2. Absurd usage values, in a folder with a good session.
  mkdirSync(p('usage'), { recursive: true });
  writeFileSync(p('usage', 'good.jsonl'), [claudeUser(1, 'fix the bug'), claudeLine(2, GOOD_USAGE)].join('\n') + '\n');
  writeFileSync(p('usage', 'overflow.jsonl'), [claudeUser(1, 'hi'), claudeLine(2, { input_tokens: 1e308, cache_creation_input_tokens: 0, cache_read_input_tokens: 1e308, output_tokens: 10 })].join('\n') + '\n');
  writeFileSync(p('usage', 'huge.jsonl'), [claudeUser(1, 'hi'), claudeLine(2, { input_tokens: 1e15, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 10 })].join('\n') + '\n');
  writeFileSync(p('usage', 'output.jsonl'), [claudeUser(1, 'hi'), claudeLine(2, { input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1e308 })].join('\n') + '\n');
  const usageNames = /overflow\.jsonl:2: .*not a plausible token count[\s\S]*/;
  cases.push({ name: 'absurd usage values in a folder (text)', args: ['analyze', p('usage')], files: [p('usage', 'good.jsonl')], expect: [usageNames, /huge\.jsonl:2: .*1000000000000000/, /output\.jsonl:2: .*1e\+308/, /good\.jsonl {2}\[claude-code\] {2}1 task/], exit: 0 });
  cases.push({ name: 'absurd usage values in a folder (--json)', args: ['analyze', p('usage'), '--json'], files: [p('usage', 'good.jsonl')], expect: [/"initialInputTokens": 2000/, /not a plausible token count/], exit: 0 });

  // 3. Inspect input_refs fan-out: every model event references the whole message pool.
  writeRefFanout(p('fanout.json'), size.refEvents, size.refPool);
  cases.push({ name: 'Inspect input_refs fan-out', args: ['analyze', p('fanout.json'), '--json'], files: [p('fanout.json')], expect: scale === 'full' ? [/input_refs reference more than/] : [/"format": "inspect-ai"/], exit: 0 });

  // 4. Hangs: a FIFO named explicitly and met in a folder; a history file linked to /dev/zero.
  mkdirSync(p('specials'), { recursive: true });
  execFileSync('mkfifo', [p('specials', 'pipe.jsonl')]);
  symlinkSync('/dev/zero', p('specials', '.aider.llm.history'));
  writeFileSync(p('specials', 'good.jsonl'), [claudeUser(1, 'hello'), claudeLine(2, GOOD_USAGE)].join('\n') + '\n');
  writeFileSync(p('specials', 'notes.txt'), 'not a trace\n');
  cases.push({ hangGuardS: 30, name: 'FIFO named explicitly (analyze)', args: ['analyze', p('specials', 'pipe.jsonl')], files: [], expect: [/pipe\.jsonl: not a regular file \(FIFO\)/], exit: 1 });
  cases.push({ hangGuardS: 30, name: 'FIFO named explicitly (tokens)', args: ['tokens', p('specials', 'pipe.jsonl')], files: [], expect: [/pipe\.jsonl is not a regular file \(FIFO\)/], exit: 1 });
  cases.push({ hangGuardS: 30, name: 'history symlinked to /dev/zero (analyze)', args: ['analyze', p('specials', '.aider.llm.history')], files: [], expect: [/not a regular file \(character device\)/], exit: 1 });
  cases.push({
    hangGuardS: 30,
    name: 'folder with a FIFO, a /dev/zero link and a non-trace',
    args: ['analyze', p('specials')],
    files: [p('specials', 'good.jsonl')],
    expect: [/good\.jsonl {2}\[claude-code\] {2}1 task/, /Skipped \(skipped 3 path\(s\): 2 not a regular file, 1 not a trace format\)/, /pipe\.jsonl: not a regular file \(FIFO\)/, /\.aider\.llm\.history: not a regular file \(character device\)/, /notes\.txt: not a trace format/],
    exit: 0,
  });
  mkdirSync(p('nothing'), { recursive: true });
  writeFileSync(p('nothing', 'readme.md'), '# not a trace\n');
  cases.push({ name: 'folder with nothing recognized', args: ['analyze', p('nothing')], files: [], expect: [/no trace recognized in .*nothing \(skipped 1 path\(s\): 1 not a trace format\)/], exit: 1 });

  // 6. Terminal escape codes in a model name and a user's text.
  const evil = '\u001b]0;pwned\u0007\u001b[2J\u009b31m';
  writeFileSync(p('escapes.jsonl'), [claudeUser(1, `hi ${evil}`), claudeLine(2, GOOD_USAGE, `claude-${evil}`)].join('\n') + '\n');
  cases.push({ name: 'escape codes in a model name', args: ['analyze', p('escapes.jsonl')], files: [p('escapes.jsonl')], expect: [/\\u001b\]0;pwned\\u0007\\u001b\[2J\\u009b31m/], exit: 0 });

  // 8. A Codex rollout whose first line is over the 64 KiB probe.
  const meta = { timestamp: '2025-11-22T20:00:00.000Z', type: 'session_meta', payload: { id: '019a0000-0000-7000-8000-000000000000', timestamp: '2025-11-22T20:00:00.000Z', cwd: '/tmp', originator: 'codex_cli_rs', cli_version: '0.60.1', instructions: 'x'.repeat(100_000), model_provider: 'openai' } };
  const ctx = { timestamp: '2025-11-22T20:00:01.000Z', type: 'turn_context', payload: { model: 'gpt-5.1-codex-max', cwd: '/tmp' } };
  const user = { timestamp: '2025-11-22T20:00:02.000Z', type: 'event_msg', payload: { type: 'user_message', message: 'fix it' } };
  const tok = { timestamp: '2025-11-22T20:00:03.000Z', type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: { input_tokens: 5000, cached_input_tokens: 1000, output_tokens: 100, reasoning_output_tokens: 20, total_tokens: 5100 }, last_token_usage: { input_tokens: 5000, cached_input_tokens: 1000, output_tokens: 100, reasoning_output_tokens: 20, total_tokens: 5100 } } } };
  mkdirSync(p('codex'), { recursive: true });
  writeFileSync(p('codex', 'rollout-long-first-line.jsonl'), [meta, ctx, user, tok].map((o) => JSON.stringify(o)).join('\n') + '\n');
  cases.push({ name: 'Codex rollout with a first line over 64 KiB, in a folder', args: ['analyze', p('codex')], files: [p('codex', 'rollout-long-first-line.jsonl')], expect: [/rollout-long-first-line\.jsonl {2}\[codex-cli\] {2}1 task/], exit: 0 });

  // 8. A 100k-deep tool schema in an OpenAI chat log.
  const deepLine = `{"request": {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function", "function": {"name": "f", "parameters": ${deepJson(size.deepSchema)}}}]}, "response": {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o", "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}]}}`;
  writeFileSync(p('deep-schema.jsonl'), deepLine + '\n');
  cases.push({ name: '100k-deep tool schema', args: ['analyze', p('deep-schema.jsonl')], files: [p('deep-schema.jsonl')], expect: [/deep-schema\.jsonl:1: .*too deeply nested or cyclic/], exit: 0 });

  // 8. UTF-16 prompt files.
  writeFileSync(p('prompt-utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hello world, this is a prompt.\n', 'utf16le')]));
  cases.push({ name: 'UTF-16 LE prompt with BOM', args: ['tokens', p('prompt-utf16le.txt')], files: [], expect: [/read as utf-16le/], exit: 0 });
  writeFileSync(p('prompt-utf16-nobom.txt'), Buffer.from('Hello world\n', 'utf16le'));
  cases.push({ name: 'UTF-16 prompt without BOM', args: ['tokens', p('prompt-utf16-nobom.txt')], files: [], expect: [/NUL byte at offset 1/], exit: 1 });

  // 8. Absurd scenario and catalog numbers.
  writeFileSync(p('scenario.json'), JSON.stringify({ selfHost: { utilization: 1e-300 }, api: { inputPerM: 1e308 } }));
  cases.push({ name: 'scenario with 1e-300 and 1e308', args: ['compare', '--scenario', p('scenario.json')], files: [], expect: [/api\.inputPerM/, /selfHost\.utilization/], exit: 1 });
  writeFileSync(p('catalog.json'), JSON.stringify({ gpuOffers: [{ gpu: 'b200', usdPerGpuHour: 1e-300, provider: 'x', kind: 'y', status: 'confirmed', source: 's', date: 'd' }] }));
  cases.push({ name: 'catalog with a 1e-300 GPU price', args: ['prices', '--catalog', p('catalog.json')], files: [], expect: [/gpuOffers\.0\.usdPerGpuHour/], exit: 1 });

  return cases;
}
