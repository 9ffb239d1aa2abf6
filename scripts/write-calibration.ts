/**
 * Fits the performance model on the shipped catalog's measured runs and writes the result to
 * src/core/perf/data/calibration.json (the fit and the leave-one-deployment-out ratios the ranges use).
 * Run it after changing the runs, the architecture or GPU tables, or the model: a unit test
 * (test/unit/core/perf/shipped-calibration.test.ts) fails until the file matches a fresh fit.
 *   npx tsx scripts/write-calibration.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedCatalog } from '../src/core/catalog/load';
import { freshCalibration } from '../src/core/perf/calibrated';

const fresh = freshCalibration(shippedCatalog());
if (!fresh) throw new Error('the shipped catalog has no run the model can be fitted on');
const out = join(__dirname, '..', 'src', 'core', 'perf', 'data', 'calibration.json');
writeFileSync(out, JSON.stringify({ key: fresh.key, fit: fresh.fit, heldOut: fresh.heldOut }, null, 2) + '\n');
console.log(`wrote ${out}: ${fresh.fit.runs} runs, rms log error ${fresh.fit.rmsLogError.toFixed(4)}, key ${fresh.key}`);
