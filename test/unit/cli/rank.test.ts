import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli-in-process';

const EXAMPLE = 'test/fixtures/examples/claude-code-session.jsonl';

test('analyze --rank prints the ranking (cheapest first, the current choice starred) and the hybrid line', async () => {
  const r = await runCli('analyze', EXAMPLE, '--rank');
  assert.equal(r.code, 0, r.stderr);
  const text = r.stdout;
  assert.match(text, /^ {2}hybrid routing: API only \$[\d.]+, self-host only \$[\d.]+, routed \$[\d.]+ \(\d+ to the API, \d+ to self-host\)/m);
  const at = text.indexOf('Cheapest self-host for these traces');
  assert.ok(at > 0, text);
  const rows = text.slice(at).split('\n').filter((l) => /^ *#\d+/.test(l));
  assert.ok(rows.length >= 10, rows.join('\n'));
  assert.match(rows[0]!, /^ *#1 /);
  // the text rows are in the order of --json's point costs
  const json = JSON.parse((await runCli('analyze', EXAMPLE, '--rank', '--json')).stdout) as { ranking: { rows: { costPerTask: number; current: boolean; modelName: string }[] }; hybrid: unknown };
  assert.ok(json.hybrid !== undefined);
  const costs = json.ranking.rows.map((x) => x.costPerTask);
  assert.deepEqual(costs, [...costs].sort((a, b) => a - b));
  rows.forEach((l, i) => assert.ok(l.includes(json.ranking.rows[i]!.modelName), l));
});

test('without --rank the JSON has no ranking; the hybrid object is always there', async () => {
  const json = JSON.parse((await runCli('analyze', EXAMPLE, '--json')).stdout) as Record<string, unknown>;
  assert.ok(!('ranking' in json));
  assert.ok('hybrid' in json);
});

test('a model that fits no replica of the GPU: the message names GPUs it fits on', async () => {
  const r = await runCli('agentic', '--model', 'kimi-k2', '--gpu', 'h100', '--k-max', '2');
  assert.match(r.stdout, /Kimi K2 Instruct \(fp8\) fits on [^\n]*NVIDIA H200/);
  assert.doesNotMatch(r.stdout, /no GPU count per replica/);
});

test('any catalog model on any priced GPU prices the self-host side ([E] rates)', async () => {
  const r = await runCli('agentic', '--model', 'openai/gpt-oss-120b', '--gpu', 'mi300x', '--k-max', '2', '--json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { rows: { selfHostReuse: number | null }[]; assumptions: { id: string; status: string }[] };
  assert.ok(j.rows.every((x) => typeof x.selfHostReuse === 'number' && x.selfHostReuse > 0), JSON.stringify(j.rows));
  assert.equal(j.assumptions.find((a) => a.id === 'selfHost.decodeTokPerS')?.status, 'estimated');
});
