import type { Diagnostic } from './model';
import type { ReadLimits, ReadResult, TraceReader } from './reader';
import { guardUnrendered } from './render-guard';
import { guardUsage } from './usage-guard';
import { unreportedUsageAsUnknown } from './usage-rules';

/**
 * The rules every format's calls pass through after its reader, in this order: an implausible usage
 * number becomes unknown (usage-guard.ts), zero usage on a call that produced content becomes unknown
 * (usage-rules.ts), a value too deep to render marks its prompt incomplete (render-guard.ts). Whole
 * reads (readTrace) and the live, incremental reads (traces/incremental) both call it, so no path can
 * skip a rule.
 */
export function applyTraceRules(read: ReadResult): ReadResult {
  const guarded: Diagnostic[] = guardUsage(read.tasks);
  const zero = unreportedUsageAsUnknown(read.tasks);
  const unrendered = guardUnrendered(zero.tasks);
  return { tasks: zero.tasks, diagnostics: [...read.diagnostics, ...guarded, ...zero.diagnostics, ...unrendered] };
}

/** Reads a file with its reader, then applies the rules every format shares. The one way the pipeline reads a trace. */
export async function readTrace(reader: TraceReader, path: string, limits: ReadLimits): Promise<ReadResult> {
  return applyTraceRules(await reader.read(path, limits));
}
