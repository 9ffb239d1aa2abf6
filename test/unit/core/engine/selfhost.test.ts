import { test } from 'node:test';
import assert from 'node:assert/strict';
import { costPerReplicaSecond, selfHostPerM, selfHostRequestCost } from '../../../../src/core/engine/selfhost-cost';
import { breakEvenUtilization, zoneOf } from '../../../../src/core/engine/breakeven';
import { ParameterError } from '../../../../src/core/engine/params';

const close = (a: number, b: number, rel = 1e-12) => assert.ok(Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)), `${a} ≠ ${b}`);

test('c = n · $/GPU-h · (1 + overhead) / (3600 · utilization)', () => {
  // 8 × $2.50 × 1.15 / (3600 × 0.7) = 23 / 2520
  close(costPerReplicaSecond({ gpuCount: 8, usdPerGpuHour: 2.5, utilization: 0.7, overhead: 0.15 }), 23 / 2520);
});

test('a request costs c · (P/a + C/b); $/1M divides by its tokens', () => {
  const c = 23 / 2520;
  close(selfHostRequestCost(c, { prefillTokPerS: 10000, decodeTokPerS: 2000 }, 4000, 200), c * 0.5);
  close(selfHostPerM(c, 0.5, 4000, 200), (c * 0.5 * 1e6) / 4200);
});

test('the article reconstruction: Qwen3-32B ShareGPT on B200 at $3.75 costs $0.3123 per 1M (cost-data.json derived_estimates)', () => {
  // B200 tok/s = 1221.27 × 2.274 + 1131.55 × 2.388; $/1M = 3.75 × 1.15 / (tok/s × 3600 × 0.7) × 1e6
  const tokPerS = 1221.27 * 2.274 + 1131.55 * 2.388;
  const c = costPerReplicaSecond({ gpuCount: 1, usdPerGpuHour: 3.75, utilization: 0.7, overhead: 0.15 });
  const perM = selfHostPerM(c, 418.8 / tokPerS, 217.4, 201.4);
  assert.equal(perM.toFixed(4), '0.3123');
});

test('break-even utilization and zones: green ≤ 0.70 < yellow ≤ 1.00 < red', () => {
  close(breakEvenUtilization(0.35, 0.5), 0.7);
  assert.equal(zoneOf(0.7), 'green');
  assert.equal(zoneOf(0.7000001), 'yellow');
  assert.equal(zoneOf(1), 'yellow');
  assert.equal(zoneOf(1.01), 'red');
});

test('bad parameters name themselves', () => {
  const base = { gpuCount: 1, usdPerGpuHour: 2, utilization: 0.5, overhead: 0 };
  const cases: [object, string][] = [
    [{ utilization: 0 }, 'selfHost.utilization'],
    [{ utilization: 1.2 }, 'selfHost.utilization'],
    [{ utilization: NaN }, 'selfHost.utilization'],
    [{ usdPerGpuHour: -1 }, 'selfHost.usdPerGpuHour'],
    [{ overhead: Infinity }, 'selfHost.overhead'],
    [{ gpuCount: 1.5 }, 'selfHost.gpuCount'],
  ];
  for (const [patch, name] of cases) {
    assert.throws(
      () => costPerReplicaSecond({ ...base, ...patch }),
      (e: unknown) => e instanceof ParameterError && e.parameter === name && e.message.startsWith(name),
    );
  }
  assert.throws(() => breakEvenUtilization(1, 0), (e: unknown) => e instanceof ParameterError && e.parameter === 'apiPerM');
});
