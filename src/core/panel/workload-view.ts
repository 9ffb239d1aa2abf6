/** The panel's workload block: distributions of the inferred shape over the measured tasks. Pure. */
import type { FileMeasures } from '../inference/analyze';
import { summarize } from '../inference/summary';
import { distribution } from '../inference/task-stats';
import type { WorkloadView } from './view';

export function workloadView(files: readonly FileMeasures[], encoding: string): WorkloadView | null {
  const s = summarize(files, null, null, 1);
  if (s.tasks === 0) return null;
  const all = files.flatMap((f) => f.tasks);
  const sources = new Set(all.map((t) => t.tokenSource));
  return {
    tasks: s.tasks,
    k: s.k,
    initialInputTokens: s.initialInputTokens,
    meanOutputTokens: s.meanOutputTokens,
    meanNewInputTokens: s.meanNewInputTokens,
    repeatedFraction: s.repeatedFraction,
    observedCachedFraction: distribution(all.map((t) => t.observedCachedFraction)),
    tokenSources: [
      ...(sources.has('recorded') || sources.has('mixed') ? ['recorded usage'] : []),
      ...(sources.has('tokenizer') || sources.has('mixed') ? [`our tokenizer (${encoding})`] : []),
      ...(sources.has('scaled') ? ['our tokenizer scaled to the totals the trace records'] : []),
      ...(sources.has('none') ? ['unknown (no usage and no prompt recorded)'] : []),
    ],
  };
}
