/**
 * The panel's "Skipped" list for a folder or workspace analysis: the files the scan found that it
 * did not read, with why, in the words `agentcost analyze` prints (traces/walk.ts), so nothing in a
 * folder disappears silently from the panel either.
 */
import { skippedSummary, skippedText, type Skipped } from '../traces/walk';
import type { SkippedView } from './view';

/** Null when nothing was skipped (the panel hides the list). */
export function skippedView(skipped: readonly Skipped[]): SkippedView | null {
  const summary = skippedSummary(skipped);
  if (summary === null) return null;
  return { summary: summary.charAt(0).toUpperCase() + summary.slice(1), lines: skipped.map(skippedText) };
}
