import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, copyFileSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import { buildCatalog } from '../../../../src/core/catalog/load';
import { measureFile } from '../../../../src/core/inference/analyze';
import { MeasureCache } from '../../../../src/core/pipeline/measure-cache';
import { measuringOptions } from '../../../../src/core/pipeline/measuring';
import { makePricing, priceFile } from '../../../../src/core/pipeline/pricing';
import { createTokenCounter } from '../../../../src/core/tokenize';
import { readers } from '../../../../src/core/traces/readers';
import type { TraceReader } from '../../../../src/core/traces/reader';
import { REPO_ROOT } from '../../helpers/shared';

/** The readers, each `read` counted: what "reading a trace file" means here. */
function countingReaders(): { readers: TraceReader[]; reads: () => number } {
  let n = 0;
  const wrapped = readers.map((r) => ({ ...r, detect: r.detect.bind(r), read: (path: string, limits: Parameters<TraceReader['read']>[1]) => (n++, r.read(path, limits)) }));
  return { readers: wrapped, reads: () => n };
}

test('a price or utilization change re-prices the cached measures: the trace file is read once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentcost-cache-'));
  const file = join(dir, 'release-notes.jsonl');
  copyFileSync(join(REPO_ROOT, 'test/e2e/workspace/traces/openai/release-notes.jsonl'), file);
  const counted = countingReaders();
  let encoding = 'o200k_base';
  const cache = new MeasureCache(
    (p) => stat(p),
    (p) => measureFile(p, measuringOptions({ readers: counted.readers, counter: () => createTokenCounter(encoding as 'o200k_base') }).options),
  );
  const cat = buildCatalog();
  const at = (utilization: number) => makePricing(cat, { utilization });
  const first = priceFile(await cache.get(file, encoding), at(0.7));
  const second = priceFile(await cache.get(file, encoding), at(0.35));
  const third = priceFile(await cache.get(file, encoding), makePricing(cat, { provider: 'deepinfra', model: 'deepseek-v3.2', utilization: 0.7 }));
  assert.equal(counted.reads(), 1, 'three pricings, one read');
  // half the utilization doubles the cost of a busy replica-second: self-host cost per task doubles
  const a = first.tasks[0]!.cost.selfHostReuse!;
  const b = second.tasks[0]!.cost.selfHostReuse!;
  assert.ok(Math.abs(b / a - 2) < 1e-12, `${b} / ${a}`);
  assert.notEqual(third.tasks[0]!.cost.apiNoCache, first.tasks[0]!.cost.apiNoCache, 'another provider, another API price');

  // what measuring reads does invalidate: the encoding, and the file's mtime
  encoding = 'cl100k_base';
  await cache.get(file, encoding);
  assert.equal(counted.reads(), 2);
  const t = statSync(file).mtime;
  utimesSync(file, t, new Date(t.getTime() + 5000));
  await cache.get(file, encoding);
  assert.equal(counted.reads(), 3);
});
