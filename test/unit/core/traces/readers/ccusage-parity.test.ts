import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sumClaudeCodeUsage } from '../../../../../src/core/traces/readers/claude-code';
import { findApiOffer } from '../../../../../src/core/catalog/lookup';
import { shippedCatalog } from '../../../../../src/core/catalog/load';
import { REPO_ROOT, SHARED_TRACES } from '../../../helpers/shared';

interface Breakdown { modelName: string; inputTokens: number; outputTokens: number; cacheCreationTokens: number; cacheReadTokens: number; cost: number }

/** ccusage 17.2.1 (devDependency, the last JavaScript release that runs here) over the same files, offline. */
function ccusage(files: string[]): Breakdown[] {
  const home = mkdtempSync(join(tmpdir(), 'ccusage-'));
  const project = join(home, 'projects', 'sample');
  mkdirSync(project, { recursive: true });
  for (const f of files) cpSync(f, join(project, f.split('/').pop()!));
  const bin = join(REPO_ROOT, 'node_modules/ccusage/dist/index.js');
  const r = spawnSync(process.execPath, [bin, 'daily', '--json', '--offline'], { encoding: 'utf8', env: { ...process.env, CLAUDE_CONFIG_DIR: home } });
  assert.equal(r.status, 0, r.stderr);
  const byModel = new Map<string, Breakdown>();
  for (const day of JSON.parse(r.stdout).daily as { modelBreakdowns: Breakdown[] }[]) {
    for (const b of day.modelBreakdowns) {
      const acc = byModel.get(b.modelName) ?? { modelName: b.modelName, inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, cost: 0 };
      acc.inputTokens += b.inputTokens;
      acc.outputTokens += b.outputTokens;
      acc.cacheCreationTokens += b.cacheCreationTokens;
      acc.cacheReadTokens += b.cacheReadTokens;
      acc.cost += b.cost;
      byModel.set(b.modelName, acc);
    }
  }
  return [...byModel.values()];
}

/**
 * The six samples whose totals were counted by hand when this test was written (INDEX.md's first table).
 * Later additions to the folder (the Entire CLI slice) are checked in claude-code.test.ts.
 */
const SIX_SAMPLES = [
  '1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl',
  '5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl',
  'agent-test-hash-123.jsonl',
  'agent-test-hash-456.jsonl',
  'fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl',
  'sidechain_integrated.jsonl',
];

test('Claude Code totals over a folder equal ccusage 17.2.1, except the streaming-partial output it keeps', async () => {
  const dir = join(SHARED_TRACES, 'claude-code');
  assert.ok(SIX_SAMPLES.every((f) => readdirSync(dir).includes(f)));
  const files = SIX_SAMPLES.map((f) => join(dir, f));
  const theirs = ccusage(files);
  const ours = await sumClaudeCodeUsage(files);
  const cat = shippedCatalog();
  let theirOutput = 0;
  for (const t of theirs) {
    const mine = ours.byModel[t.modelName];
    assert.ok(mine, `model ${t.modelName}`);
    assert.equal(mine.input, t.inputTokens, `${t.modelName} input`);
    assert.equal(mine.cacheWrite, t.cacheCreationTokens, `${t.modelName} cache write`);
    assert.equal(mine.cacheRead, t.cacheReadTokens, `${t.modelName} cache read`);
    theirOutput += t.outputTokens;
    // Same prices (Anthropic list prices from our pricing snapshot = ccusage's): the costs differ only
    // by the output tokens ccusage misses, at the output price.
    const found = findApiOffer(cat, t.modelName, 'anthropic');
    assert.ok('offer' in found);
    const p = found.offer;
    const ourCost = (mine.input * p.inputPerM + mine.cacheWrite * p.cacheWritePerM! + mine.cacheRead * p.cachedInputPerM! + mine.output * p.outputPerM) / 1e6;
    const expected = t.cost + ((mine.output - t.outputTokens) * p.outputPerM) / 1e6;
    assert.ok(Math.abs(ourCost - expected) < 1e-9, `${t.modelName}: ours $${ourCost} vs ccusage $${t.cost} + missed output`);
  }
  // ccusage keeps the first line of a multi-line response, whose output_tokens can be a streaming
  // partial; we keep the last line: 53,304 vs 57,273 output tokens on these six files.
  assert.equal(theirOutput, 53304);
  assert.equal(ours.total.output, 57273);
});
