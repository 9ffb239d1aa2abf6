/**
 * Rules every reader's calls pass through once, after reading (inference/analyze.ts calls it):
 * a usage record that says 0 tokens for a call that produced content is not a measurement.
 */
import type { Call, Diagnostic, Task, Usage } from './model';

/** Usage that says nothing: 0 in, 0 out, no cache (a backend that does not report tokens writes this). */
export function reportsNothing(u: Usage): boolean {
  return u.inTotal === 0 && u.output === 0 && (u.cacheRead ?? 0) === 0 && (u.cacheWrite ?? 0) === 0;
}

function producedContent(c: Call): boolean {
  return c.completion !== null && c.completion.trim() !== '';
}

/**
 * A call that produced content but reports zero input and zero output has UNKNOWN usage (Claude Code
 * on a non-Anthropic backend writes `{"input_tokens":0,"output_tokens":0}`): its numbers become null
 * with source 'tokenizer', so measuring counts its recorded text and nothing prices the work at $0.
 * Returns the tasks unchanged (same objects) plus a warning naming the first such line.
 */
export function unreportedUsageAsUnknown(tasks: Task[]): { tasks: Task[]; diagnostics: Diagnostic[] } {
  return { tasks, diagnostics: reportUnreported(markUnreported(tasks)) };
}

/** What unreportedUsageAsUnknown found: how many calls, the first one's line. */
export interface Unreported {
  count: number;
  firstLine: number | null;
}

/** Turns the zero usage of calls that produced content into unknown, in place. */
export function markUnreported(tasks: readonly Task[]): Unreported {
  let count = 0;
  let firstLine: number | null = null;
  for (const t of tasks) {
    for (const c of t.calls) {
      if (c.usage.source !== 'recorded' || !reportsNothing(c.usage) || !producedContent(c)) continue;
      c.usage = { inTotal: null, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: 'tokenizer' };
      count++;
      firstLine ??= c.line;
    }
  }
  return { count, firstLine };
}

/** The one warning for what markUnreported found (none when it found nothing). */
export function reportUnreported({ count, firstLine }: Unreported): Diagnostic[] {
  return count === 0 ? [] : [{
    line: firstLine,
    severity: 'warning',
    message: `${count} call(s) produced content but record 0 input and 0 output tokens (a backend that does not report usage): their tokens are estimated with our tokenizer from the recorded text (tokenSource "tokenizer"), unknown where no text was recorded; never priced at $0`,
  }];
}
