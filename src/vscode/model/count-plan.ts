/**
 * Where and whether a prompt text is counted, so a huge file (a 10 MB CLAUDE.md of spaces) never
 * blocks the extension host: a short text is counted in place (cheaper than starting a worker), a
 * long one in a worker thread under a time budget, and one over agentcost.maxFileSizeMB not at all,
 * with a message that says so (never a 0). Pure: the vscode layer measures the length and runs the plan.
 */

/** Texts at least this long are counted in a worker thread (o200k counts about 15 MB/s here, so this is some 20 ms in place). */
export const OFF_THREAD_CHARS = 256 * 1024;
/** A count in a worker thread longer than this is stopped; the file says so instead of waiting forever. */
export const COUNT_TIME_BUDGET_MS = 30_000;

export type CountPlan = { run: 'here' } | { run: 'worker'; budgetMs: number } | { run: 'refused'; message: string };

export interface CountRequest {
  /** The file name shown in the message. */
  name: string;
  /** The text's length in UTF-16 code units (a lower bound of its UTF-8 size in bytes). */
  chars: number;
  maxFileSizeMB: number;
}

export function countPlan(r: CountRequest): CountPlan {
  if (!Number.isFinite(r.chars) || r.chars < 0) return { run: 'refused', message: `${r.name}: its length is unknown: not counted` };
  if (r.chars > r.maxFileSizeMB * 1024 * 1024) return { run: 'refused', message: `${r.name} is over the ${r.maxFileSizeMB} MB limit (agentcost.maxFileSizeMB): not counted` };
  return r.chars >= OFF_THREAD_CHARS ? { run: 'worker', budgetMs: COUNT_TIME_BUDGET_MS } : { run: 'here' };
}

/** What a hover or the status bar says when a count in a worker thread was stopped (time budget) or failed. */
export function countStoppedMessage(name: string, reason: string): string {
  return `${name}: counting ${reason}: not counted`;
}

/** A cancellation source as vscode.CancellationToken has it (kept structural so this stays pure). */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/**
 * The callers waiting on one shared count (hover, CodeLens, status bar). The count is aborted only
 * when every caller that can cancel has cancelled and none that cannot (the status bar) waits: a
 * dismissed hover stops the worker, but not while the CodeLens still needs the number.
 */
export class SharedWaiters {
  private cancellable = 0;
  private pinned = false;
  private done = false;

  constructor(private readonly abort: () => void) {}

  /** Joins a caller; without a token it waits until the end. */
  join(token?: Cancellation): void {
    if (this.done) return;
    if (!token) {
      this.pinned = true;
      return;
    }
    if (token.isCancellationRequested) return this.leave();
    this.cancellable++;
    const sub = token.onCancellationRequested(() => {
      sub.dispose();
      this.cancellable--;
      this.leave();
    });
  }

  /** The work finished: nothing is aborted any more. */
  settle(): void {
    this.done = true;
  }

  private leave(): void {
    if (this.done || this.pinned || this.cancellable > 0) return;
    this.done = true;
    this.abort();
  }
}

/** The promise's value, or undefined as soon as the token is cancelled (the work itself goes on or is aborted elsewhere). */
export function unlessCancelled<T>(work: Promise<T>, token?: Cancellation): Promise<T | undefined> {
  if (!token) return work;
  if (token.isCancellationRequested) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const sub = token.onCancellationRequested(() => {
      sub.dispose();
      resolve(undefined);
    });
    work.then(
      (v) => {
        sub.dispose();
        resolve(v);
      },
      (e: unknown) => {
        sub.dispose();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
