/**
 * When a followed session is read again: at once, or once 1 s (a poll) or 250 ms (a change the
 * file watcher reported: an agent appends in bursts) has passed since the last read began. One read
 * at a time; what comes in during a read is remembered, a change over a poll. No vscode import.
 */
export const POLL_INTERVAL_MS = 1000;
export const CHANGE_INTERVAL_MS = 250;

/** The clock and timers the throttle uses (tests pass a fake one). */
export interface ThrottleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class UpdateThrottle {
  private timer: unknown = null;
  /** When the pending timer fires. */
  private due = 0;
  private running = false;
  /** What came in while a read ran. */
  private again: 'none' | 'poll' | 'change' = 'none';
  private lastRun = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly read: () => Promise<void>,
    private readonly clock: ThrottleClock = realClock,
  ) {}

  schedule(changed = false): void {
    if (this.stopped) return;
    if (this.running) {
      if (this.again !== 'change') this.again = changed ? 'change' : 'poll';
      return;
    }
    const at = this.lastRun + (changed ? CHANGE_INTERVAL_MS : POLL_INTERVAL_MS);
    if (this.timer) {
      if (at >= this.due) return;
      this.clock.clearTimeout(this.timer); // a change brings a pending poll forward
    }
    this.due = at;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.runOnce();
    }, Math.max(0, at - this.clock.now()));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private async runOnce(): Promise<void> {
    this.running = true;
    this.lastRun = this.clock.now();
    try {
      await this.read();
    } finally {
      this.running = false;
      const again = this.again;
      this.again = 'none';
      if (again !== 'none') this.schedule(again === 'change');
    }
  }
}
