/**
 * The panel's "Skipped" list (core/panel/skipped.ts) for a folder scan: the files the scan found and
 * did not read, with why, in the words `agentcost analyze` prints and puts in its JSON.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCatalog } from '../../../../src/core/catalog/load';
import { detectReader, listFiles } from '../../../../src/core/inference/analyze';
import { buildSnapshot, defaultControls } from '../../../../src/core/panel/snapshot';
import { skippedView } from '../../../../src/core/panel/skipped';
import { measureInOrder, type MeasuredFile } from '../../../../src/core/pipeline/folder-measures';
import { MeasureCache } from '../../../../src/core/pipeline/measure-cache';
import { runJob } from '../../../../src/core/pipeline/worker-jobs';
import { readers } from '../../../../src/core/traces/readers';
import { inWalkOrder } from '../../../../src/core/traces/walk';
import { cliJson, runCli } from '../../helpers/cli-in-process';
import { REPO_ROOT } from '../../helpers/shared';

test('nothing skipped: no list (the panel hides it)', () => {
  assert.equal(skippedView([]), null);
});

test('a folder scan\'s skipped files: the panel lists what agentcost analyze prints, with the same reasons as its JSON', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentcost-skipped-'));
  copyFileSync(join(REPO_ROOT, 'test/e2e/workspace/traces/openai/release-notes.jsonl'), join(dir, 'release-notes.jsonl'));
  writeFileSync(join(dir, 'config.json'), '{"theme": "dark"}\n');
  writeFileSync(join(dir, 'notes.jsonl'), '{"todo": "write tests"}\n');

  // the extension's path: files in walk order, each measured by the worker job, no reader for two of them
  const cache = new MeasureCache<MeasuredFile>((p) => stat(p), async (p) => {
    const r = await runJob({ kind: 'measure', path: p, encoding: 'o200k_base', maxFileBytes: 50 * 1024 * 1024 });
    assert.ok(r.ok && r.kind === 'measure');
    return { measures: r.measures, claims: r.claims };
  });
  const ext = await measureInOrder(inWalkOrder((await listFiles([dir])).files), {
    detect: async (p) => (await detectReader(p, readers)) !== null,
    alone: (p) => cache.get(p, 'o200k_base'),
    excluding: () => assert.fail('no file here shares a response with another'),
  }, new AbortController().signal);
  assert.equal(ext.files.length, 1);

  const cat = buildCatalog();
  const snap = buildSnapshot(cat, { subject: { kind: 'folder', label: 'x' }, files: ext.files, skipped: ext.skipped }, defaultControls(cat, true), null);
  assert.deepEqual(snap.skipped?.lines, [`${join(dir, 'config.json')}: not a trace format`, `${join(dir, 'notes.jsonl')}: not a trace format`]);
  assert.equal(snap.skipped?.summary, 'Skipped 2 path(s): 2 not a trace format');

  // the CLI on the same folder: its text lists the same lines, its JSON the same files and reasons
  const text = (await runCli('analyze', dir)).stdout;
  const cliLines = [...text.matchAll(/^ {2}info: (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(cliLines, snap.skipped?.lines);
  assert.ok(text.includes(`Skipped (${snap.skipped!.summary.replace(/^S/, 's')}):`), text);
  const json = await cliJson<{ skipped: { path: string; reason: string; detail: string | null }[] }>('analyze', dir);
  assert.deepEqual(json.skipped, ext.skipped);
});

test('a single trace file has no skipped list', async () => {
  const cat = buildCatalog();
  const snap = buildSnapshot(cat, { subject: { kind: 'trace', label: 'x' }, files: [] }, defaultControls(cat, false), null);
  assert.equal(snap.skipped, null);
});
