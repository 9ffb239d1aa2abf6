import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCli } from '../helpers/cli-in-process';

// in-process (no dist/ needed); test/dist/cli-smoke.test.ts runs the built dist/cli.js once
const cli = (...args: string[]) => runCli(...args);

const tmp = mkdtempSync(join(tmpdir(), 'agentcost-cli-'));
function file(name: string, content: unknown): string {
  const p = join(tmp, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

test('--help works on the program and every command, exit 0', async () => {
  for (const args of [['--help'], ['compare', '--help'], ['agentic', '--help'], ['reproduce-article', '--help'], ['prices', '--help'], ['prompt', '--help']]) {
    const r = await cli(...args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /Usage: agentcost/);
  }
});

test('user errors exit 1 with a message naming the problem', async () => {
  const bad = await cli('agentic', '--utilization', '1.5');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /utilization must be ≤ 1/);
  assert.equal((await cli('nonsense')).code, 1);
  const missing = await cli('agentic', '--scenario', join(tmp, 'nope.json'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nope\.json.*ENOENT/);
  const wrong = await cli('agentic', '--scenario', file('wrong.json', { selfHost: { utilization: 'high' } }));
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /selfHost\.utilization/);
  const unpriced = await cli('prices', '--model', 'no-such-model-xyz');
  assert.equal(unpriced.code, 1);
  assert.match(unpriced.stderr, /no-such-model-xyz.*unpriced/);
});

test('an unpriced model is reported as unpriced in JSON (null), never $0', async () => {
  const r = await cli('agentic', '--model', 'no-such-model-xyz', '--provider', 'nobody', '--k-max', '3', '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.rows[0].apiNoCache, null);
  assert.ok(out.problems.some((p: string) => p.includes('no-such-model-xyz')));
});

/** The Figure-4 formulas, written out independently of the engine. */
function expected(s: { api: { inputPerM: number; cachedInputPerM?: number; cacheWritePerM?: number; outputPerM: number }; selfHost: { prefillTokPerS: number; decodeTokPerS: number; gpuCount: number; usdPerGpuHour: number; utilization: number; overhead: number } }, I0: number, O: number, D: number, r: number, kMax: number) {
  const c = (s.selfHost.gpuCount * s.selfHost.usdPerGpuHour * (1 + s.selfHost.overhead)) / (3600 * s.selfHost.utilization);
  const rows = [];
  let nc = 0, ca = 0, re = 0, nr = 0;
  for (let i = 1; i <= kMax; i++) {
    const inp = I0 + (i - 1) * D;
    const rep = i >= 2 ? r * inp : 0;
    nc += (inp * s.api.inputPerM + O * s.api.outputPerM) / 1e6;
    const cached = s.api.cachedInputPerM;
    const write = s.api.cacheWritePerM ?? s.api.inputPerM;
    ca += cached === undefined ? (inp * s.api.inputPerM + O * s.api.outputPerM) / 1e6 : (rep * cached + (inp - rep) * write + O * s.api.outputPerM) / 1e6;
    re += c * ((inp - rep) / s.selfHost.prefillTokPerS + O / s.selfHost.decodeTokPerS);
    nr += c * (inp / s.selfHost.prefillTokPerS + O / s.selfHost.decodeTokPerS);
    rows.push({ k: i, apiNoCache: nc, apiCached: ca, selfHostReuse: re, selfHostNoReuse: nr });
  }
  return rows;
}

test('agentic --scenario f.json --json equals the formulas to 1e-9 relative for any scenario', async () => {
  const pos = (max: number) => fc.double({ min: 0.001, max, noNaN: true });
  const scenario = fc.record({
    api: fc.record(
      { inputPerM: pos(50), cachedInputPerM: pos(5), cacheWritePerM: pos(60), outputPerM: pos(100) },
      { requiredKeys: ['inputPerM', 'outputPerM'] },
    ),
    selfHost: fc.record({
      prefillTokPerS: pos(1e5),
      decodeTokPerS: pos(1e4),
      gpuCount: fc.integer({ min: 1, max: 8 }),
      usdPerGpuHour: pos(20),
      utilization: fc.double({ min: 0.05, max: 1, noNaN: true }),
      overhead: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  });
  let n = 0;
  await fc.assert(
    fc.asyncProperty(scenario, fc.integer({ min: 0, max: 50000 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 3000 }), fc.double({ min: 0, max: 1, noNaN: true }), async (s, I0, O, D, r) => {
      const f = file(`s${n++}.json`, { ...s, api: { ...s.api, minCacheableTokens: null } });
      const res = await cli('agentic', '--scenario', f, '--json', '--k-max', '12', '--initial-input', String(I0), '--per-step-output', String(O), '--new-input', String(D), '--repeated-fraction', String(r));
      assert.equal(res.code, 0, res.stderr);
      const out = JSON.parse(res.stdout);
      const want = expected(s, I0, O, D, r, 12);
      for (let i = 0; i < want.length; i++) {
        for (const key of ['apiNoCache', 'apiCached', 'selfHostReuse', 'selfHostNoReuse'] as const) {
          const got = out.rows[i][key] as number;
          const exp = want[i]![key];
          assert.ok(Math.abs(got - exp) <= 1e-9 * Math.max(Math.abs(exp), 1e-300), `k=${i + 1} ${key}: ${got} vs ${exp}`);
        }
      }
      assert.ok(Array.isArray(out.assumptions) && out.assumptions.length > 0);
      assert.ok('vsApiNoCache' in out.crossoverK && 'vsApiCached' in out.crossoverK);
    }),
    { numRuns: 15 },
  );
});

test('reproduce-article --json has the documented shape and honest claims', async () => {
  const r = await cli('reproduce-article', '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  for (const key of ['figure1', 'figure2', 'figure3', 'figure4', 'claims', 'assumptions']) assert.ok(key in out, key);
  for (const row of out.figure1) {
    assert.deepEqual(Object.keys(row).filter((k) => ['model', 'workload', 'apiPerM', 'selfHostPerM', 'cheaper'].includes(k)).sort(), ['apiPerM', 'cheaper', 'model', 'selfHostPerM', 'workload']);
    assert.ok(row.cheaper === 'api' || row.cheaper === 'selfHost');
  }
  for (const row of out.figure3) assert.ok(['green', 'yellow', 'red'].includes(row.zone));
  assert.equal(out.figure4.model, 'deepseek-v3.2');
  for (const c of out.claims) assert.equal(typeof c.agrees, 'boolean');
  assert.ok(out.assumptions.some((a: { status: string; id: string }) => a.status === 'estimated' && a.id === 'selfHost.usdPerGpuHour'));
});

test('compare prints the three figures as tables with the assumptions and their tags', async () => {
  const r = await cli('compare', '--models', 'qwen3-32b', '--gpu', 'h100', '--utilization', '0.5');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Figure 1/);
  assert.match(r.stdout, /Figure 3/);
  assert.match(r.stdout, /\[C\] NVIDIA H100 SXM price/);
  assert.match(r.stdout, /\[U\] Utilization: 0\.5/);
  const json = JSON.parse((await cli('compare', '--models', 'qwen3-32b', '--gpu', 'h100', '--json')).stdout);
  const long = json.figure1.find((x: { workload: string }) => x.workload === 'long');
  // measured on H100: $2.69 × 1.15 / (3600 × 0.7 × (2046.48 + 102.21) tok/s) × 1e6
  assert.ok(Math.abs(long.selfHostPerM - (2.69 * 1.15 * 1e6) / (3600 * 0.7 * (2046.48 + 102.21))) < 1e-9);
});

test('--catalog overlays the shipped data', async () => {
  const overlay = file('cat.json', { gpuOffers: [{ gpu: 'b200', usdPerGpuHour: 9.99, provider: 'mine', kind: 'on-demand', status: 'confirmed', source: 'my invoice', date: '2026-11' }] });
  const out = JSON.parse((await cli('agentic', '--catalog', overlay, '--k-max', '1', '--json')).stdout);
  assert.ok(out.assumptions.some((a: { id: string; value: number }) => a.id === 'selfHost.usdPerGpuHour' && a.value === 9.99));
  const bad = await cli('agentic', '--catalog', file('bad.json', '{"gpuOffers": [}'));
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /bad\.json is not JSON/);
});
