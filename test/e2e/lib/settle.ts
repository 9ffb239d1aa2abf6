/**
 * Waiting for the page to settle on a signal instead of a fixed delay: a value read from the DOM is
 * taken once it is ready and two consecutive reads agree, the second after the page (or the webview)
 * has rendered new frames. A busy machine makes frames slower, and the wait with them.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { waitUntil } from './util';

/** Resolves once the page or webview frame has rendered two more animation frames. */
export async function nextFrames(target: Page | FrameLocator): Promise<void> {
  const frames = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  if ('evaluate' in target) await target.evaluate(frames);
  else await target.locator('body').evaluate(frames, undefined, { timeout: 10_000 });
}

/** `read()` once `ready(value)` holds and the same value comes back after new frames. */
export async function settledRead<T>(
  what: string,
  target: Page | FrameLocator,
  read: () => Promise<T>,
  ready: (v: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  let last: string | null = null;
  let value: T | undefined;
  await waitUntil(
    what,
    async () => {
      value = await read();
      const key = JSON.stringify(value);
      const agreed = ready(value) && key === last;
      last = ready(value) ? key : null;
      if (!agreed) await nextFrames(target);
      return agreed;
    },
    timeoutMs,
    0,
  );
  return value as T;
}
