import type { ReadLimits, ReadResult, TraceReader } from './reader';
import { unreportedUsageAsUnknown } from './usage-rules';

/**
 * Reads a file with its reader, then applies the usage rules every format shares (usage-rules.ts).
 * The one way the pipeline reads a trace, so no reader can skip them.
 */
export async function readTrace(reader: TraceReader, path: string, limits: ReadLimits): Promise<ReadResult> {
  const raw = await reader.read(path, limits);
  const zero = unreportedUsageAsUnknown(raw.tasks);
  return { tasks: zero.tasks, diagnostics: [...raw.diagnostics, ...zero.diagnostics] };
}
