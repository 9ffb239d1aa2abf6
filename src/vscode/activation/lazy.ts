/**
 * Loads the extension's services on first use, once. Activation only registers thin shims that
 * call `get()`; the services module (settings validation, catalog, tokenizer, readers, panel) is a
 * dynamic import, which esbuild keeps unevaluated in the bundle until then.
 * A failure is loud: an error notification (and the log), then the next use tries again.
 */
import * as vscode from 'vscode';

export class Lazy<T> {
  private pending: Promise<T> | null = null;
  private value: T | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The services if already loaded (event handlers use this so they never trigger a load). */
  get current(): T | undefined {
    return this.value;
  }

  get(): Promise<T> {
    if (!this.pending) {
      const started = performance.now();
      this.pending = this.load().then(
        (v) => {
          this.value = v;
          this.log.info(`services loaded in ${(performance.now() - started).toFixed(1)} ms`);
          return v;
        },
        (e: unknown) => {
          this.pending = null;
          const message = e instanceof Error ? e.message : String(e);
          this.log.error(`failed to load: ${e instanceof Error ? (e.stack ?? message) : message}`);
          void vscode.window.showErrorMessage(`AgentCost failed to start: ${message}`);
          throw e;
        },
      );
    }
    return this.pending;
  }
}

/** Runs `f` with the services, reporting (not throwing) a failure: for event handlers and providers. */
export async function withServices<T, R>(lazy: Lazy<T>, f: (services: T) => R | Promise<R>): Promise<R | undefined> {
  let services: T;
  try {
    services = await lazy.get();
  } catch {
    return undefined; // already reported by Lazy
  }
  return f(services);
}
