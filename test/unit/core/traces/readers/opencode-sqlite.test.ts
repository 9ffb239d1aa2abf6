import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { probeFile } from '../../../../../src/core/traces/io';
import { detectOpenCodeDb, readers } from '../../../../../src/core/traces/readers/opencode-sqlite';
import { LIMITS, allTraceFiles, assertWellFormed, calls, errors, fuzzArbitraryInput, sum } from './reader-test-utils';

// No real opencode.db is stored: the database is built here with the tables of opencode's
// packages/opencode/src/session/session.sql.ts (anomalyco/opencode @ 063e8306), the columns we read.
const reader = readers[0]!;
const TMP = mkdtempSync(join(tmpdir(), 'ac-opencode-db-'));

const tokens = (input: number, output: number, reasoning: number, read: number, write: number) => ({ input, output, reasoning, cache: { read, write } });

async function buildDb(): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`CREATE TABLE session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, parent_id TEXT, slug TEXT NOT NULL, directory TEXT NOT NULL,
            title TEXT NOT NULL, version TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL);
          CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
          CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);`);
  db.run("INSERT INTO session VALUES ('ses_a', 'p', NULL, 'a', '/w', 'Main', '1.3.0', 1, 1), ('ses_b', 'p', 'ses_a', 'b', '/w', 'Sub', '1.3.0', 5, 5)");
  const msg = (id: string, sid: string, t: number, data: object) => db.run('INSERT INTO message VALUES (?, ?, ?, ?, ?)', [id, sid, t, t, JSON.stringify(data)]);
  const part = (id: string, mid: string, sid: string, data: object) => db.run('INSERT INTO part VALUES (?, ?, ?, 0, 0, ?)', [id, mid, sid, JSON.stringify(data)]);
  const asst = (model: string, t: object, extra: object = {}) => ({ role: 'assistant', modelID: model, providerID: 'anthropic', tokens: t, cost: 0, time: { created: 1 }, ...extra });
  msg('msg_01', 'ses_a', 1, { role: 'user', time: { created: 1 } });
  part('prt_01', 'msg_01', 'ses_a', { type: 'text', text: 'Add a login page' });
  msg('msg_02', 'ses_a', 2, asst('claude-sonnet-4-5', tokens(2, 75, 0, 0, 12_260)));
  msg('msg_03', 'ses_a', 3, asst('claude-sonnet-4-5', tokens(0, 0, 0, 0, 0), { error: { name: 'MessageAbortedError' } }));
  msg('msg_04', 'ses_a', 4, { role: 'user', time: { created: 4 } });
  part('prt_04', 'msg_04', 'ses_a', { type: 'text', text: 'Now the tests' });
  // an older build's message holding two steps: two calls, from the step-finish parts
  msg('msg_05', 'ses_a', 5, asst('claude-sonnet-4-5', tokens(5, 300, 0, 24_000, 800)));
  part('prt_05a', 'msg_05', 'ses_a', { type: 'step-finish', tokens: tokens(3, 100, 0, 12_000, 500) });
  part('prt_05b', 'msg_05', 'ses_a', { type: 'step-finish', tokens: tokens(2, 200, 0, 12_000, 300) });
  msg('msg_06', 'ses_b', 6, { role: 'user', time: { created: 6 } });
  part('prt_06', 'msg_06', 'ses_b', { type: 'text', text: 'Search the repo' });
  msg('msg_07', 'ses_b', 7, asst('claude-haiku-4-5', tokens(100, 20, 10, 0, 0)));
  db.run("INSERT INTO message VALUES ('msg_08', 'ses_b', 8, 8, 'not json')");
  const bytes = db.export();
  db.close();
  return bytes;
}

test('a database of two sessions (one a subagent): calls, tasks, lineages, tokens counted by hand', async () => {
  const p = join(TMP, 'opencode.db');
  writeFileSync(p, await buildDb());
  assert.ok(detectOpenCodeDb(await probeFile(p)) >= 0.9);
  const r = await reader.read(p, LIMITS);
  assert.deepEqual(errors(r), []);
  assert.deepEqual(r.tasks.map((t) => [t.id, t.title, t.calls.map((c) => c.id)]), [
    ['ses_a/turn-1', 'Add a login page', ['msg_02']],
    ['ses_a/turn-2', 'Now the tests', ['msg_05/step-1', 'msg_05/step-2']],
    ['ses_b/turn-1', 'Search the repo', ['msg_07']],
  ]);
  const cs = calls(r);
  // by hand: (2 + 12,260) + (3 + 12,000 + 500) + (2 + 12,000 + 300) + 100; output 75 + 100 + 200 + (20 + 10)
  assert.equal(sum(cs, 'inTotal'), 12_262 + 12_503 + 12_302 + 100);
  assert.equal(sum(cs, 'output'), 75 + 100 + 200 + 30);
  assert.deepEqual(cs.map((c) => [c.lineage, c.isSubagent]), [['ses_a/main', false], ['ses_a/main', false], ['ses_a/main', false], ['ses_b/main', true]]);
  assert.ok(r.diagnostics.some((d) => /^1 assistant messages recorded no tokens \(MessageAbortedError\)/.test(d.message)));
  assert.ok(r.diagnostics.some((d) => /^1 message rows whose data is not a JSON object/.test(d.message)));
});

test('a WAL-mode database is read from its main file, and a non-empty -wal file is said', async () => {
  const bytes = await buildDb();
  bytes[18] = bytes[19] = 2; // what SQLite writes in WAL mode
  const p = join(TMP, 'kilo.db');
  writeFileSync(p, bytes);
  writeFileSync(`${p}-wal`, Buffer.alloc(4096, 1));
  const r = await reader.read(p, LIMITS);
  assert.equal(calls(r).length, 4);
  assert.ok(r.diagnostics.some((d) => d.severity === 'warning' && /4\.0 KiB of recent changes are in .*kilo\.db-wal/.test(d.message)));
});

test('detection: only SQLite files named like OpenCode/Kilo databases; no stored sample', async () => {
  for (const p of allTraceFiles()) assert.equal(detectOpenCodeDb(await probeFile(p)), 0, p);
  const other = join(TMP, 'state.vscdb');
  writeFileSync(other, await buildDb());
  assert.equal(detectOpenCodeDb(await probeFile(other)), 0);
  const channel = join(TMP, 'kilo-canary.db');
  writeFileSync(channel, await buildDb());
  assert.ok(detectOpenCodeDb(await probeFile(channel)) >= 0.9);
});

test('fuzz: arbitrary bytes and damaged databases never throw', async () => {
  await fuzzArbitraryInput(reader, join(TMP, 'opencode-fuzz.db'), 60);
  const good = await buildDb();
  const p = join(TMP, 'opencode-damaged.db');
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: good.length - 1 }), fc.uint8Array({ minLength: 1, maxLength: 64 }), async (at, junk) => {
      const copy = good.slice();
      copy.set(junk.subarray(0, copy.length - at), at);
      writeFileSync(p, copy);
      assertWellFormed(await reader.read(p, LIMITS));
    }),
    { numRuns: 60 },
  );
});
