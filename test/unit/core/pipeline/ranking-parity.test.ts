/**
 * One number: the panel's "cheapest open model × GPU" rows and its hybrid routing equal
 * `agentcost analyze --rank --json` for the same traces and default settings (the CLI runs in-process).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCatalog } from '../../../../src/core/catalog/load';
import { detectReader, listFiles, measureFile, type FileMeasures } from '../../../../src/core/inference/analyze';
import { buildSnapshot } from '../../../../src/core/panel/snapshot';
import { RANKING_PANEL_ROWS } from '../../../../src/core/panel/ranking-view';
import { MeasureCache } from '../../../../src/core/pipeline/measure-cache';
import { measuringOptions } from '../../../../src/core/pipeline/measuring';
import type { HybridSummary } from '../../../../src/core/pipeline/hybrid-summary';
import type { RankingResult } from '../../../../src/core/pipeline/ranking';
import { createTokenCounter } from '../../../../src/core/tokenize';
import { readers } from '../../../../src/core/traces/readers';
import { defaultConfig } from '../../../../src/shared/config';
import { controlsFromConfig } from '../../../../src/vscode/model/controls';
import { hybridLine, rankingTable } from '../../../../webview/model/ranking';
import { cliJson, runCli } from '../../helpers/cli-in-process';
import { REPO_ROOT } from '../../helpers/shared';

const TRACES = join(REPO_ROOT, 'test/e2e/workspace/traces');

async function snapshot() {
  const config = defaultConfig();
  const cat = buildCatalog();
  const measuring = measuringOptions({ readers, counter: () => createTokenCounter(config.encoding, { memoEntries: 64 }), maxFileBytes: config.maxFileSizeMB * 1024 * 1024 });
  const cache = new MeasureCache((p) => stat(p), (p) => measureFile(p, measuring.options));
  const files: FileMeasures[] = [];
  for (const p of (await listFiles([TRACES])).files) if (await detectReader(p, readers)) files.push(await cache.get(p, config.encoding));
  return buildSnapshot(cat, { subject: { kind: 'folder', label: 'traces' }, files }, controlsFromConfig(cat, config, true), null);
}

test('panel ranking rows = agentcost analyze --rank --json rows (first rows, same order and numbers); hybrid identical', async () => {
  const snap = await snapshot();
  const cli = await cliJson<{ ranking: RankingResult; hybrid: HybridSummary | null }>('analyze', TRACES, '--rank');
  assert.ok(snap.ranking && cli.ranking);
  assert.equal(snap.ranking.total, cli.ranking.rows.length);
  assert.equal(snap.ranking.excluded, cli.ranking.excluded.length);
  assert.equal(snap.ranking.k, cli.ranking.k);
  assert.equal(snap.ranking.rows.length, Math.min(RANKING_PANEL_ROWS, cli.ranking.rows.length));
  assert.deepEqual(snap.ranking.rows, cli.ranking.rows.slice(0, RANKING_PANEL_ROWS));
  assert.ok(snap.hybrid && cli.hybrid);
  assert.deepEqual(snap.hybrid, cli.hybrid);
  // the same words: the panel's line is the CLI's hybrid line
  const text = (await runCli('analyze', TRACES)).stdout;
  assert.ok(text.includes(`hybrid routing: ${hybridLine(snap.hybrid)}`), text);
  // the table the webview renders has one row per snapshot row, the current choice selected when shown
  const t = rankingTable(snap.ranking);
  assert.equal(t.rows.length, snap.ranking.rows.length);
  assert.deepEqual(t.rows.map((r) => !!r.selected), snap.ranking.rows.map((r) => r.current));
});

test('the pickers list every model of the architecture tables and every GPU, marked measured or estimated', async () => {
  const snap = await snapshot();
  assert.ok(snap.options.models.length >= 30, `${snap.options.models.length} models`);
  assert.ok(snap.options.models.some((m) => m.id === 'qwen3-32b' && /measured/.test(m.label)));
  assert.ok(snap.options.models.some((m) => m.id === 'gpt-oss-120b' && /estimated/.test(m.label)));
  assert.equal(new Set(snap.options.models.map((m) => m.id)).size, snap.options.models.length, 'no duplicates');
  assert.equal(snap.options.gpus.length, 11);
  assert.ok(snap.options.gpus.some((g) => g.id === 'h200' && /measured/.test(g.label)));
  assert.ok(snap.options.gpus.some((g) => g.id === 'rtx-6000-ada' && /estimated, no price/.test(g.label)));
});
