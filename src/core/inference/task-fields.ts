import type { TaskShape } from './task-stats';

/** The fields of a task every front end reports (CLI JSON, panel rows), in one place. No Node imports: the webview's types use it. */
export function taskFields(t: TaskShape & { id: string; title: string | null }) {
  return {
    id: t.id,
    title: t.title,
    calls: t.calls,
    subagentCalls: t.subagentCalls,
    initialInputTokens: t.initialInputTokens,
    meanOutputTokens: t.meanOutputTokens,
    meanNewInputTokens: t.meanNewInputTokens,
    repeatedFraction: t.repeatedFraction,
    observedCachedFraction: t.observedCachedFraction,
    tokenSource: t.tokenSource,
  };
}

export type TaskFields = ReturnType<typeof taskFields>;
