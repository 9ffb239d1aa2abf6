import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reproduceArticle } from '../../../src/core/article/reproduce';
import { buildCatalog, parseOverlay, applyOverlay } from '../../../src/core/catalog/load';

test('Figure 1 winners under the reconstruction: API for Qwen3-32B and DeepSeek V3.2, self-host for GLM 4.7', () => {
  const r = reproduceArticle(buildCatalog());
  assert.equal(r.figure1.length, 9);
  for (const row of r.figure1) assert.equal(row.cheaper, row.model === 'glm-4.7' ? 'selfHost' : 'api', `${row.model}/${row.workload}`);
  assert.deepEqual(r.problems, []);
});

test('claims are computed, not asserted: a dearer B200 flips GLM Short to the API and the claim says so', () => {
  const cheap = reproduceArticle(buildCatalog());
  assert.ok(cheap.claims.find((c) => c.claim.includes('GLM 4.7 in Short'))?.agrees);
  const overlay = parseOverlay({ gpuOffers: [{ gpu: 'b200', usdPerGpuHour: 3.0, provider: 'test', kind: 'test', status: 'confirmed', source: 'test', date: '2026' }] }, 'test');
  const dear = reproduceArticle(applyOverlay(buildCatalog(), overlay));
  const glmClaim = dear.claims.find((c) => c.claim.includes('GLM 4.7 in Short'))!;
  assert.equal(glmClaim.agrees, false);
  assert.match(glmClaim.ours, /short: API/);
});

test('Figure 4 at the Tau2 parameters: API wins at k = 1, self-host with reuse wins at k = 20', () => {
  const r = reproduceArticle(buildCatalog());
  const k1 = r.figure4.rows[0]!;
  const k20 = r.figure4.rows.find((x) => x.k === 20)!;
  assert.ok(k1.apiNoCache! < k1.selfHostReuse!);
  assert.ok(k20.selfHostReuse! < k20.apiCached! && k20.apiCached! < k20.apiNoCache!);
  // API side at k = 20 (COST_DATA_NOTES.md section 6, set B): no cache $0.0516, cached $0.0303
  assert.equal(k20.apiNoCache!.toFixed(4), '0.0516');
  assert.equal(k20.apiCached!.toFixed(4), '0.0303');
  assert.ok(r.assumptions.some((a) => a.status === 'estimated' && a.id === 'selfHost.usdPerGpuHour'));
});

test('break-even zones follow the computed utilization', () => {
  const r = reproduceArticle(buildCatalog());
  for (const row of r.figure3) {
    assert.ok(row.breakEvenUtilization !== null);
    const u = row.breakEvenUtilization;
    assert.equal(row.zone, u <= 0.7 ? 'green' : u <= 1 ? 'yellow' : 'red');
  }
});
