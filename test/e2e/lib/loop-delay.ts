/**
 * The extension host's event-loop delay, as the test harness measures it (test/integration/harness/
 * loop-delay.ts): run its command from the palette and wait for a new report in its file. The
 * command runs on the extension host's thread, so the report also waits out any block under way.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { LoopDelayReport } from '../../integration/harness/loop-delay';
import { runCommand } from './workbench';
import { waitUntil } from './util';

export const LOOP_DELAY_TITLE = 'Test Harness: Write Event Loop Delay';

function read(file: string): LoopDelayReport | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LoopDelayReport;
  } catch {
    return null; // not written yet
  }
}

/** The longest block of the extension host's event loop since the previous call (the first call: since the harness started). */
export async function hostLoopDelay(page: Page, file: string): Promise<LoopDelayReport> {
  const before = read(file)?.seq ?? 0;
  await runCommand(page, LOOP_DELAY_TITLE, { timeoutMs: 60_000 });
  return waitUntil('the harness\'s event-loop delay report', () => {
    const r = read(file);
    return r && r.seq > before ? r : null;
  }, 120_000);
}
