import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared';
import { runCli } from '../helpers/cli-in-process';

// in-process (no dist/ needed); test/dist/cli-smoke.test.ts runs the built dist/cli.js once
const cli = (...args: string[]) => runCli(...args);
const EXAMPLE = 'test/fixtures/examples/claude-code-session.jsonl';

test('analyze --json has the documented shape; tasks in file order; the example session hand-checked', async () => {
  const r = await cli('analyze', EXAMPLE, '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const [file] = out.files;
  assert.equal(file.format, 'claude-code');
  assert.deepEqual(Object.keys(file).sort(), ['diagnostics', 'format', 'path', 'tasks', 'totals']);
  // python3 over the fixture: 8 requests (last line per requestId), input + cache read + cache write, output
  assert.deepEqual(file.totals.tokens, { input: 150736, cacheRead: 131054, cacheWrite: 19650, output: 1433 });
  assert.deepEqual(out.totals.tokens, file.totals.tokens);
  assert.equal(file.totals.observedCost, file.tasks.reduce((s: number, t: { observedCost: number }) => s + t.observedCost, 0));
  const [t1, t2] = file.tasks;
  for (const key of ['id', 'calls', 'subagentCalls', 'initialInputTokens', 'meanOutputTokens', 'meanNewInputTokens', 'repeatedFraction', 'observedCachedFraction', 'tokenSource', 'cost']) assert.ok(key in t1, key);
  assert.deepEqual(Object.keys(t1.cost).sort(), ['apiCached', 'apiCachedObserved', 'apiNoCache', 'selfHostNoReuse', 'selfHostReuse']);
  // test/fixtures/examples/claude-code-session.jsonl: turn 1 makes 5 calls, turn 2 makes 3; the first call reads
  // nothing from the cache and writes 14,200 tokens (+ 4 uncached): I0 = 14,204
  assert.equal(t1.calls, 5);
  assert.equal(t2.calls, 3);
  assert.equal(t1.initialInputTokens, 14204);
  // outputs 60, 55, 640, 48, 120
  assert.equal(t1.meanOutputTokens, (60 + 55 + 640 + 48 + 120) / 5);
  assert.equal(t1.tokenSource, 'recorded');
  // per task tokens: python3 over the fixture, requests grouped by the human prompt before them (last line per requestId)
  assert.deepEqual(t1.tokens, { input: 88613, cacheRead: 69493, cacheWrite: 19100, output: 923 });
  assert.deepEqual(t2.tokens, { input: 62123, cacheRead: 61561, cacheWrite: 550, output: 510 });
  assert.equal(out.summary.tasks, 2);
  assert.deepEqual(out.summary.k, { mean: 4, p50: 3, p90: 5, max: 5 });
  for (const key of ['vsApiNoCache', 'vsApiCached']) assert.ok(key in out.summary.crossoverK);
  // priced at Claude Sonnet 4.5 (the trace's model): observed cost = what the cache split was billed
  assert.ok(t1.cost.apiCachedObserved > 0 && t1.cost.apiCachedObserved < t1.cost.apiNoCache);
  // the text output prints the same totals, per file and in the summary
  const text = (await cli('analyze', EXAMPLE)).stdout;
  assert.equal(text.match(/totals:? +input 150\.7k \(cache read 131\.1k, cache write 19\.\dk\), output 1433, observed cost \$/g)?.length, 2, text);
});

test('bad input: a broken trace gives diagnostics with line numbers, the other files still analyzed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentcost-analyze-'));
  const good = join(dir, 'good.jsonl');
  writeFileSync(good, spawnSync('cat', [join(REPO_ROOT, EXAMPLE)], { encoding: 'utf8' }).stdout);
  const broken = join(dir, 'broken.jsonl');
  const lines = spawnSync('cat', [join(REPO_ROOT, EXAMPLE)], { encoding: 'utf8' }).stdout.split('\n');
  lines.splice(3, 0, '{"type": "assistant", "message": {"oops"');
  writeFileSync(broken, lines.join('\n') + '{"type":"user","message":{"role":"us');
  writeFileSync(join(dir, 'binary.jsonl'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe]));
  const r = await cli('analyze', dir, '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const b = out.files.find((f: { path: string }) => f.path.endsWith('broken.jsonl'));
  assert.ok(b.diagnostics.some((d: { line: number }) => d.line === 4), JSON.stringify(b.diagnostics));
  assert.equal(b.tasks.length, 2, 'the rest of the broken file is still read');
  // good.jsonl is the same session as broken.jsonl, read after it: analyzed, its requests counted once, in broken.jsonl
  const g = out.files.find((f: { path: string }) => f.path.endsWith('good.jsonl'));
  assert.equal(g.tasks.length, 0);
  assert.ok(g.diagnostics.some((d: { severity: string; message: string }) => d.severity === 'info' && /call\(s\) already counted in .*broken\.jsonl/.test(d.message)), JSON.stringify(g.diagnostics));
});

test('analyze: missing paths exit 1; an unknown file named explicitly gets a diagnostic', async () => {
  const r = await cli('analyze', 'does/not/exist.jsonl');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /does\/not\/exist\.jsonl/);
  const out = JSON.parse((await cli('analyze', 'README.md', '--json')).stdout);
  assert.equal(out.files[0].format, null);
  assert.equal(out.files[0].diagnostics[0].severity, 'error');
});

test('tokens prints the count of a prompt file', async () => {
  const r = await cli('tokens', 'test/fixtures/examples/prompts/system-prompt.md', '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.encoding, 'o200k_base');
  assert.equal(out.exact, true);
  assert.ok(out.tokens > 80 && out.tokens < 200);
  assert.equal((await cli('tokens', 'test/fixtures/examples/prompts/system-prompt.md', '--encoding', 'nope')).code, 1);
});

test('a single 50 MB line is skipped with a diagnostic naming its line; the lines around it still count', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentcost-hugeline-'));
  const lines = spawnSync('cat', [join(REPO_ROOT, EXAMPLE)], { encoding: 'utf8' }).stdout.trimEnd().split('\n');
  const huge = JSON.stringify({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x', content: 'y'.repeat(50 * 1024 * 1024) }] } });
  const path = join(dir, 'session.jsonl');
  writeFileSync(path, [...lines.slice(0, 4), huge, ...lines.slice(4)].join('\n') + '\n');
  const r = await cli('analyze', path, '--json');
  assert.equal(r.code, 0, r.stderr);
  const [file] = JSON.parse(r.stdout).files;
  assert.ok(file.diagnostics.some((d: { line: number; message: string }) => d.line === 5 && /MiB|MB|long/i.test(d.message)), JSON.stringify(file.diagnostics));
  assert.deepEqual(file.tasks.map((t: { calls: number }) => t.calls), [5, 3]);
});

test('a folder scan says what it skipped and why (text and JSON); nothing recognized at all exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentcost-nothing-'));
  writeFileSync(join(dir, 'package.json'), '{"name": "not-a-trace"}\n');
  writeFileSync(join(dir, 'notes.jsonl'), '{"todo": "write tests"}\n');
  const text = await cli('analyze', dir);
  assert.equal(text.code, 1);
  assert.match(text.stderr, /no trace recognized in .*agentcost-nothing-.* \(skipped 2 path\(s\): 2 not a trace format\)/);
  assert.ok(text.stdout.includes(`  info: ${join(dir, 'notes.jsonl')}: not a trace format`), text.stdout);
  assert.ok(text.stdout.includes(`  info: ${join(dir, 'package.json')}: not a trace format`), text.stdout);
  const json = await cli('analyze', dir, '--json');
  assert.equal(json.code, 1);
  assert.deepEqual(JSON.parse(json.stdout).skipped, [
    { path: join(dir, 'notes.jsonl'), reason: 'not a trace format', detail: null },
    { path: join(dir, 'package.json'), reason: 'not a trace format', detail: null },
  ]);
  // one file recognized beside them: exit 0, the skipped ones still listed
  writeFileSync(join(dir, 'session.jsonl'), spawnSync('cat', [join(REPO_ROOT, EXAMPLE)], { encoding: 'utf8' }).stdout);
  const some = await cli('analyze', dir, '--json');
  assert.equal(some.code, 0, some.stderr);
  assert.equal(JSON.parse(some.stdout).skipped.length, 2);
});
