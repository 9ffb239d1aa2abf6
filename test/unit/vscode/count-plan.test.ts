/**
 * Where a prompt's count runs (src/vscode/model/count-plan.ts): in place, in a worker thread under a
 * time budget, or refused with a message; and when a shared count is stopped (every cancellable
 * caller gone, none that cannot cancel waiting).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COUNT_TIME_BUDGET_MS, countPlan, countStoppedMessage, OFF_THREAD_CHARS, SharedWaiters, unlessCancelled, type Cancellation } from '../../../src/vscode/model/count-plan';

const MB = 1024 * 1024;

test('a short text is counted in place, a long one in a worker thread with the time budget', () => {
  assert.deepEqual(countPlan({ name: 'a.md', chars: 0, maxFileSizeMB: 50 }), { run: 'here' });
  assert.deepEqual(countPlan({ name: 'a.md', chars: OFF_THREAD_CHARS - 1, maxFileSizeMB: 50 }), { run: 'here' });
  assert.deepEqual(countPlan({ name: 'a.md', chars: OFF_THREAD_CHARS, maxFileSizeMB: 50 }), { run: 'worker', budgetMs: COUNT_TIME_BUDGET_MS });
  // the case: a 10 MB CLAUDE.md of spaces, under the default 50 MB limit
  assert.deepEqual(countPlan({ name: 'CLAUDE.md', chars: 10 * MB, maxFileSizeMB: 50 }), { run: 'worker', budgetMs: COUNT_TIME_BUDGET_MS });
});

test('a text over agentcost.maxFileSizeMB is refused with a message naming the file and the limit, never a count', () => {
  assert.deepEqual(countPlan({ name: 'CLAUDE.md', chars: 5 * MB, maxFileSizeMB: 5 }), { run: 'worker', budgetMs: COUNT_TIME_BUDGET_MS });
  const p = countPlan({ name: 'CLAUDE.md', chars: 5 * MB + 1, maxFileSizeMB: 5 });
  assert.equal(p.run, 'refused');
  assert.match(p.run === 'refused' ? p.message : '', /^CLAUDE\.md is over the 5 MB limit \(agentcost\.maxFileSizeMB\): not counted$/);
});

test('an unknown length is refused, not counted as 0', () => {
  for (const chars of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
    const p = countPlan({ name: 'x.md', chars, maxFileSizeMB: 50 });
    assert.equal(p.run, 'refused', String(chars));
    assert.doesNotMatch(p.run === 'refused' ? p.message : '', /\b0\b|NaN|Infinity/);
  }
});

test('a stopped count says which file and why', () => {
  assert.equal(countStoppedMessage('CLAUDE.md', 'stopped after 30 s (the time budget per file)'), 'CLAUDE.md: counting stopped after 30 s (the time budget per file): not counted');
});

/** A cancellation token the test cancels by hand (the shape of vscode.CancellationTokenSource's token). */
function source() {
  const listeners = new Set<() => void>();
  let cancelled = false;
  const token: Cancellation = {
    get isCancellationRequested() {
      return cancelled;
    },
    onCancellationRequested(l) {
      listeners.add(l);
      return { dispose: () => void listeners.delete(l) };
    },
  };
  return { token, cancel: () => ((cancelled = true), [...listeners].forEach((l) => l())), listeners };
}

test('the shared count stops when its only hover is cancelled', () => {
  let aborted = 0;
  const w = new SharedWaiters(() => aborted++);
  const a = source();
  w.join(a.token);
  assert.equal(aborted, 0);
  a.cancel();
  assert.equal(aborted, 1);
  assert.equal(a.listeners.size, 0, 'the listener is disposed');
});

test('the shared count goes on while another cancellable caller or an uncancellable one (the status bar) waits', () => {
  let aborted = 0;
  const w = new SharedWaiters(() => aborted++);
  const hover = source();
  const lens = source();
  w.join(hover.token);
  w.join(lens.token);
  hover.cancel();
  assert.equal(aborted, 0, 'the CodeLens still waits');
  lens.cancel();
  assert.equal(aborted, 1);

  let aborted2 = 0;
  const w2 = new SharedWaiters(() => aborted2++);
  const h2 = source();
  w2.join(h2.token);
  w2.join(); // the status bar
  h2.cancel();
  assert.equal(aborted2, 0);
});

test('a finished count is never aborted, and an already cancelled token aborts at once', () => {
  let aborted = 0;
  const w = new SharedWaiters(() => aborted++);
  const a = source();
  w.join(a.token);
  w.settle();
  a.cancel();
  assert.equal(aborted, 0);

  const w2 = new SharedWaiters(() => aborted++);
  const b = source();
  b.cancel();
  w2.join(b.token);
  assert.equal(aborted, 1);
});

test('unlessCancelled gives the value, or undefined as soon as the token is cancelled', async () => {
  assert.equal(await unlessCancelled(Promise.resolve(7), source().token), 7);
  const s = source();
  const never = new Promise<number>(() => undefined);
  const p = unlessCancelled(never, s.token);
  s.cancel();
  assert.equal(await p, undefined);
  await assert.rejects(unlessCancelled(Promise.reject(new Error('boom')), source().token), /boom/);
});
