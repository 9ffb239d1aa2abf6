/** "≈" and ranges in words (src/core/format-range.ts): the one wording every surface uses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approxUsd, bandNote, kWithRange, percentWithRange, usdRangeText, usdWithRange } from '../../../src/core/format-range';

test('a self-host $ with a range reads ≈point (low–high); without one, the number as it is', () => {
  assert.equal(usdWithRange(0.0123, [0.00483, 0.0351]), '≈$0.0123 ($0.00483–$0.0351)');
  assert.equal(approxUsd(0.0123, [0.00483, 0.0351]), '≈$0.0123');
  assert.equal(usdRangeText([1.5, 4]), '$1.50–$4.00');
  // no band (rates the user set): no "≈"
  assert.equal(usdWithRange(0.0123, null), '$0.0123');
  assert.equal(approxUsd(0.0123, undefined), '$0.0123');
  assert.equal(usdRangeText(null), null);
  // an unpriced point stays "unpriced", never "≈unpriced"; a broken range is no range
  assert.equal(usdWithRange(null, [1, 2]), 'unpriced');
  assert.equal(usdWithRange(2, [Number.NaN, 3]), '$2.00');
});

test('break-even utilization and crossover k with their ranges', () => {
  assert.equal(percentWithRange(0.45, [0.3, 0.8]), '≈45 % (30–80 %)');
  assert.equal(percentWithRange(0.45, null), '45 %');
  assert.equal(kWithRange(12, [8, 20], 'none up to 30'), '12 (8–20)');
  assert.equal(kWithRange(12, [8, null], 'none up to 30'), '12 (8–none)');
  assert.equal(kWithRange(null, [25, null], 'none up to 30'), 'none up to 30 (25–none)');
  assert.equal(kWithRange(null, [null, null], 'none up to 30'), 'none up to 30', 'no crossover anywhere in the range: said once');
  assert.equal(kWithRange(3, [3, 3], 'none'), '3');
  assert.equal(kWithRange(3, null, 'none'), '3');
});

test('the band note says where the range comes from; none without a band', () => {
  const n = bandNote({ low: 0.351, high: 2.549, runs: 24, from: 'performance model, deployment left out' });
  assert.match(n ?? '', /×0\.35–×2\.55 \(10th–90th percentile .* 24 runs\)/);
  assert.equal(bandNote(null), null);
});
