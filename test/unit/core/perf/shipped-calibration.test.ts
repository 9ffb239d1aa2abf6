import assert from 'node:assert/strict';
import test from 'node:test';
import { shippedCatalog } from '../../../../src/core/catalog/load';
import { calibrationFor, freshCalibration } from '../../../../src/core/perf/calibrated';
import { calibrationRuns } from '../../../../src/core/perf/calibration-runs';
import { calibrationKey, shippedCalibrationFor } from '../../../../src/core/perf/shipped-calibration';
import shipped from '../../../../src/core/perf/data/calibration.json';

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

test('the shipped calibration is what a fresh fit of the shipped runs gives (run scripts/write-calibration.ts after a change)', () => {
  const fresh = freshCalibration(shippedCatalog());
  assert.ok(fresh);
  assert.equal(shipped.key, fresh.key, 'the runs changed since data/calibration.json was written');
  const eff = fresh.fit.efficiency as unknown as Record<string, number>;
  assert.deepEqual(Object.keys(shipped.fit.efficiency).sort(), Object.keys(eff).sort());
  for (const [k, v] of Object.entries(shipped.fit.efficiency)) assert.ok(close(v, eff[k]!), `${k}: shipped ${v}, fresh ${eff[k]}`);
  assert.equal(shipped.heldOut.length, fresh.heldOut.length);
  shipped.heldOut.forEach((h, i) => {
    const f = fresh.heldOut[i]!;
    assert.equal(h.label, f.label);
    assert.ok(h.ratio === null ? f.ratio === null : f.ratio !== null && close(h.ratio, f.ratio), `${h.label}: shipped ${h.ratio}, fresh ${f.ratio}`);
  });
});

test('the shipped catalog uses the shipped calibration; other runs (an imported one, a changed spec) are fitted live', () => {
  const cat = shippedCatalog();
  const runs = calibrationRuns(cat);
  assert.ok(shippedCalibrationFor(runs));
  assert.equal(calibrationFor(cat)?.fit.rmsLogError, shipped.fit.rmsLogError);
  const changed = runs.map((r, i) => (i === 0 ? { ...r, seconds: r.seconds * 1.01 } : r));
  assert.notEqual(calibrationKey(changed), calibrationKey(runs));
  assert.equal(shippedCalibrationFor(changed), null);
  assert.equal(shippedCalibrationFor(runs.slice(1)), null);
});
