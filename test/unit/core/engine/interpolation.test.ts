import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitLinearShape, leaveOneOut, predictSeconds, type ShapePoint } from '../../../../src/core/engine/interpolation';

const point = (P: number, C: number, a: number, b: number, label = `${P}/${C}`): ShapePoint => ({ promptTokens: P, completionTokens: C, seconds: P / a + C / b, label });

test('recovers a and b exactly from points that follow s = P/a + C/b', () => {
  const pts = [point(128, 4, 8000, 1500), point(2000, 100, 8000, 1500), point(4000, 200, 8000, 1500), point(200, 200, 8000, 1500)];
  const fit = fitLinearShape(pts)!;
  assert.ok(Math.abs(1 / fit.secondsPerPromptToken - 8000) < 1e-6);
  assert.ok(Math.abs(1 / fit.secondsPerCompletionToken - 1500) < 1e-6);
  const loo = leaveOneOut(pts)!;
  assert.ok(loo.maxAbsRelativeError < 1e-9);
});

test('noisy points give a positive fit and a leave-one-out error that reflects the noise', () => {
  const pts = [point(128, 4, 8000, 1500), point(2000, 100, 8000, 1500), point(4000, 200, 8000, 1500), point(200, 200, 8000, 1500)];
  pts[2] = { ...pts[2]!, seconds: pts[2]!.seconds * 1.3 };
  const fit = fitLinearShape(pts)!;
  assert.ok(fit.secondsPerPromptToken > 0 && fit.secondsPerCompletionToken > 0);
  const loo = leaveOneOut(pts)!;
  assert.ok(loo.maxAbsRelativeError > 0.05, `LOO error ${loo.maxAbsRelativeError} should show the 30 % outlier`);
  assert.equal(loo.points.length, 4);
});

test('a fit that would need a negative rate is refused rather than returning an infinite rate', () => {
  // decode time shrinks as completions grow: the unconstrained optimum has 1/b < 0, the boundary has b = ∞
  const pts: ShapePoint[] = [
    { promptTokens: 1000, completionTokens: 10, seconds: 1, label: 'a' },
    { promptTokens: 1000, completionTokens: 1000, seconds: 0.5, label: 'b' },
  ];
  assert.equal(fitLinearShape(pts), null);
});

test('predictSeconds is linear in P and C', () => {
  const fit = { secondsPerPromptToken: 1e-4, secondsPerCompletionToken: 1e-3 };
  assert.equal(predictSeconds(fit, 1000, 10), 0.1 + 0.01);
});
