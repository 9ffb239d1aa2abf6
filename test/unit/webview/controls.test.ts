import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createControlBatcher, parseNumberInput } from '../../../webview/model/controls';
import type { WebviewToHost } from '../../../src/shared/protocol';

test('typed numbers: in range or null', () => {
  assert.equal(parseNumberInput('utilization', '0.5'), 0.5);
  assert.equal(parseNumberInput('utilization', ' 0,35 '), 0.35);
  assert.equal(parseNumberInput('utilization', '0.01'), null);
  assert.equal(parseNumberInput('utilization', '1.2'), null);
  assert.equal(parseNumberInput('utilization', ''), null);
  assert.equal(parseNumberInput('utilization', 'abc'), null);
  assert.equal(parseNumberInput('overhead', '0'), 0);
  assert.equal(parseNumberInput('overhead', '11'), null);
  assert.equal(parseNumberInput('kMax', '30'), 30);
  assert.equal(parseNumberInput('kMax', '2.5'), null);
  assert.equal(parseNumberInput('kMax', '501'), null);
  assert.equal(parseNumberInput('kMax', 'Infinity'), null);
});

function fakeTimers() {
  let next = 1;
  const pending = new Map<number, () => void>();
  return {
    timers: { set: (f: () => void) => (pending.set(next, f), next++), clear: (h: unknown) => void pending.delete(h as number) },
    fire: () => [...pending.entries()].forEach(([id, f]) => (pending.delete(id), f())),
    count: () => pending.size,
  };
}

test('slider and typing changes are merged and posted once after the pause', () => {
  const posted: WebviewToHost[] = [];
  const t = fakeTimers();
  const b = createControlBatcher((m) => posted.push(m), 150, t.timers);
  b.schedule({ utilization: 0.4 });
  b.schedule({ utilization: 0.45 });
  b.schedule({ overhead: 0.2 });
  assert.equal(posted.length, 0);
  assert.equal(t.count(), 1);
  assert.deepEqual(b.pending(), { utilization: 0.45, overhead: 0.2 });
  t.fire();
  assert.deepEqual(posted, [{ type: 'setControls', controls: { utilization: 0.45, overhead: 0.2 } }]);
  assert.deepEqual(b.pending(), {});
});

test('a select or checkbox posts at once, with anything pending', () => {
  const posted: WebviewToHost[] = [];
  const t = fakeTimers();
  const b = createControlBatcher((m) => posted.push(m), 150, t.timers);
  b.schedule({ utilization: 0.3 });
  b.now({ cache: false });
  assert.deepEqual(posted, [{ type: 'setControls', controls: { utilization: 0.3, cache: false } }]);
  assert.equal(t.count(), 0);
  b.flush();
  assert.equal(posted.length, 1);
});
