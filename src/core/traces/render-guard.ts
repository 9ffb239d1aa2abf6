/**
 * Readers render JSON values (tool schemas, tool arguments) to prompt text with a never-throwing
 * stringify: a value too deep or cyclic becomes a short marker. Counted as text, a 100k-deep tool
 * schema would then cost 9 tokens with no word said. This check (run on every reader's result by
 * readers/index.ts) finds the markers, marks those prompts incomplete and warns per call.
 */
import type { Diagnostic, Message, Task } from './model';

/** The markers the readers' safe stringify helpers write in place of a value they cannot render. */
export const UNRENDERED_MARKERS = ['[unrenderable value]', '[nested too deep]'] as const;
const NAMED_CALLS = 10;

export function guardUnrendered(tasks: readonly Task[]): Diagnostic[] {
  return reportUnrendered(markUnrendered(tasks));
}

/** Marks the prompts holding a marker incomplete, in place; one warning per such call, uncapped. */
export function markUnrendered(tasks: readonly Task[]): Diagnostic[] {
  const verdict = new Map<Message, boolean>(); // each shared message checked once
  const hasMarker = (m: Message): boolean => {
    let v = verdict.get(m);
    if (v === undefined) {
      v = UNRENDERED_MARKERS.some((k) => m.text.includes(k));
      verdict.set(m, v);
    }
    return v;
  };
  const out: Diagnostic[] = [];
  for (const task of tasks) {
    for (const call of task.calls) {
      if (!call.prompt?.some(hasMarker)) continue;
      call.promptComplete = false;
      out.push({ line: call.line, severity: 'warning', message: `call ${call.id}: a value in its prompt (a tool schema or arguments) is too deeply nested or cyclic to render: the prompt is incomplete and a token count from it is too low` });
    }
  }
  return out;
}

/** The warnings of markUnrendered as shown: the first NAMED_CALLS, then one summary line. */
export function reportUnrendered(perCall: readonly Diagnostic[]): Diagnostic[] {
  const out = perCall.slice(0, NAMED_CALLS);
  const more = perCall.length - out.length;
  if (more > 0) out.push({ line: null, severity: 'warning', message: `${more} more call(s) with a value too deeply nested to render` });
  return out;
}
