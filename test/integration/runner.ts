/**
 * A tiny mocha-style runner (no dependency): `test(name, fn)` collects cases, `runAll` runs them in
 * order, each with a timeout, and returns one outcome per case. Used both by the
 * `@vscode/test-electron` entry (index.ts) and by the code-server test harness (harness/extension.ts).
 */
import { waitUntil } from '../support/wait';

export interface TestCase {
  name: string;
  fn: () => Promise<void> | void;
  timeoutMs: number;
}

export interface TestOutcome {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export class Suite {
  readonly cases: TestCase[] = [];
  test(name: string, fn: () => Promise<void> | void, timeoutMs = 20_000): void {
    this.cases.push({ name, fn, timeoutMs });
  }
}

export async function runAll(suite: Suite, log: (line: string) => void = () => undefined): Promise<TestOutcome[]> {
  const out: TestOutcome[] = [];
  for (const c of suite.cases) {
    const t0 = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        Promise.resolve().then(c.fn),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${c.timeoutMs} ms`)), c.timeoutMs);
        }),
      ]);
      out.push({ name: c.name, ok: true, ms: Date.now() - t0 });
      log(`  ok   ${c.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      const error = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
      out.push({ name: c.name, ok: false, ms: Date.now() - t0, error });
      log(`  FAIL ${c.name}: ${error}`);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
  return out;
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Polls until `fn` returns a truthy value (returned), or throws naming `what` after `timeoutMs`. */
export const eventually = <T>(what: string, fn: () => Promise<T> | T, timeoutMs = 10_000): Promise<NonNullable<T>> => waitUntil(what, fn, timeoutMs, 150);
