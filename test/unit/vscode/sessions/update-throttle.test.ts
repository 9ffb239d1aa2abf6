/**
 * The live session's pacing (src/vscode/sessions/update-throttle.ts), on a fake clock: the first read
 * at once; a poll 1 s after the last read began, a change the watcher reported 250 ms after; a change
 * brings a pending poll forward; one read at a time, and what came in during a read is not lost.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UpdateThrottle, type ThrottleClock } from '../../../../src/vscode/sessions/update-throttle';

class FakeClock implements ThrottleClock {
  t = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private next = 1;
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.next++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (h: unknown): void => {
    this.timers = this.timers.filter((x) => x.id !== h);
  };
  /** Moves the clock to `to`, firing due timers in order. */
  async advance(to: number): Promise<void> {
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0];
      if (!due || due.at > to) break;
      this.timers.shift();
      this.t = due.at;
      due.fn();
      await new Promise((r) => setImmediate(r)); // let the read's promise settle
    }
    this.t = to;
  }
}

function harness() {
  const clock = new FakeClock();
  const reads: number[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  const throttle = new UpdateThrottle(async () => {
    reads.push(clock.t);
    if (hold) await new Promise<void>((r) => (release = r));
  }, clock);
  return { clock, reads, throttle, holdNext: () => (hold = true), finish: () => { hold = false; release?.(); } };
}

test('first read at once; then a poll waits 1 s and a reported change 250 ms after the last read began', async () => {
  const h = harness();
  h.throttle.schedule();
  await h.clock.advance(0);
  assert.deepEqual(h.reads, [0]);
  h.clock.t = 100;
  h.throttle.schedule(); // poll: due at 1000
  await h.clock.advance(999);
  assert.deepEqual(h.reads, [0]);
  await h.clock.advance(1000);
  assert.deepEqual(h.reads, [0, 1000]);
  h.clock.t = 1010;
  h.throttle.schedule(true); // change: due at 1250
  await h.clock.advance(1249);
  assert.equal(h.reads.length, 2);
  await h.clock.advance(1250);
  assert.deepEqual(h.reads, [0, 1000, 1250]);
});

test('a change brings a pending poll forward; a later poll does not push it back', async () => {
  const h = harness();
  h.throttle.schedule();
  await h.clock.advance(0);
  h.clock.t = 10;
  h.throttle.schedule(); // poll due at 1000
  h.clock.t = 20;
  h.throttle.schedule(true); // change due at 250: replaces it
  h.throttle.schedule(); // a poll now would be due at 1000: keeps 250
  await h.clock.advance(2000);
  assert.deepEqual(h.reads, [0, 250], 'one read at 250, none left pending at 1000');
});

test('one read at a time; a change reported during a read is read 250 ms after that read began', async () => {
  const h = harness();
  h.holdNext();
  h.throttle.schedule();
  await h.clock.advance(0);
  assert.deepEqual(h.reads, [0]);
  h.clock.t = 50;
  h.throttle.schedule(); // during the read: remembered as a poll
  h.throttle.schedule(true); // and upgraded to a change
  await h.clock.advance(600); // the read still runs: nothing else starts
  assert.deepEqual(h.reads, [0]);
  h.finish();
  await new Promise((r) => setImmediate(r));
  await h.clock.advance(600); // due at 0 + 250, already past: fires at once
  assert.deepEqual(h.reads, [0, 600]);
});

test('stop: nothing pending runs, and nothing is scheduled after', async () => {
  const h = harness();
  h.throttle.schedule();
  await h.clock.advance(0);
  h.throttle.schedule(true);
  h.throttle.stop();
  h.throttle.schedule(true);
  await h.clock.advance(5000);
  assert.deepEqual(h.reads, [0]);
});
