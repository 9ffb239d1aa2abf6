/**
 * One model response logged in two files is counted once. Claude Code writes a subagent's session
 * to its own file (`agent-<id>.jsonl`, `<session>/subagents/`) while older versions also inline it
 * in the parent as sidechain lines, and `--resume` copies earlier responses into the new session
 * file: the same request id then appears in both. The first file read keeps the call; later files
 * drop it and say where it was first seen.
 */
import type { Call, Diagnostic, FormatId, ParsedTrace, Task } from '../traces/model';

/**
 * A key naming one model response across files, or null when the call's id is only unique within
 * its file. Only formats whose call ids are the provider's request/message ids take part: other
 * readers number calls per file (`line-N`, event or span positions), which would match by accident.
 */
export function responseKey(format: FormatId | null, call: Call): string | null {
  if (format !== 'claude-code') return null;
  // ids made from line numbers (no requestId, no message.id) name no response
  return call.id.startsWith('line-') ? null : `${format}:${call.id}`;
}

/** Where a response was first seen: the file and the line of the call there. */
export interface FirstSeen {
  path: string;
  line: number | null;
}

/** One response counted: its key and where it was first seen (plain data, crosses a worker boundary). */
export type SeenEntry = readonly [key: string, first: FirstSeen];

/** The responses counted so far, in the order the files were read. */
export class SeenResponses {
  private readonly byKey: Map<string, FirstSeen>;

  /** `earlier`: responses earlier files counted (the extension passes those a file shares with them). */
  constructor(earlier: readonly SeenEntry[] = []) {
    this.byKey = new Map(earlier);
  }

  /** Every response counted, in the order it was first claimed. */
  entries(): SeenEntry[] {
    return [...this.byKey];
  }

  /** Records the call as counted in `path`; returns where it was first seen if it already was. */
  claim(format: FormatId | null, call: Call, path: string): FirstSeen | null {
    const key = responseKey(format, call);
    if (key === null) return null;
    const first = this.byKey.get(key);
    if (first) return first;
    this.byKey.set(key, { path, line: call.line });
    return null;
  }
}

const MAX_IDS_LISTED = 5;

function describe(path: string, dropped: readonly { call: Call; first: FirstSeen }[]): Diagnostic {
  const ids = dropped.slice(0, MAX_IDS_LISTED).map((d) => `${d.call.id} (line ${d.first.line ?? '?'})`);
  const more = dropped.length > MAX_IDS_LISTED ? `, and ${dropped.length - MAX_IDS_LISTED} more` : '';
  return {
    line: dropped[0]!.call.line,
    severity: 'info',
    message:
      `${dropped.length} call(s) already counted in ${path}: ${ids.join(', ')}${more}. ` +
      'The same request is logged in both files (a subagent file beside its parent, or a resumed session copying earlier responses); counted once, there',
  };
}

/**
 * The parsed file without the calls an earlier file already counted (tasks left with no call are
 * dropped), plus an info diagnostic per file they were first seen in. Everything else unchanged.
 */
export function withoutCrossFileDuplicates(parsed: ParsedTrace, seen: SeenResponses): ParsedTrace {
  const droppedBySource = new Map<string, { call: Call; first: FirstSeen }[]>();
  const tasks: Task[] = [];
  for (const task of parsed.tasks) {
    const calls = task.calls.filter((call) => {
      const first = seen.claim(parsed.format, call, parsed.path);
      if (!first) return true;
      const list = droppedBySource.get(first.path) ?? [];
      list.push({ call, first });
      droppedBySource.set(first.path, list);
      return false;
    });
    if (calls.length === task.calls.length) tasks.push(task);
    else if (calls.length > 0) tasks.push({ ...task, calls });
  }
  if (droppedBySource.size === 0) return parsed;
  const notes = [...droppedBySource].map(([path, dropped]) => describe(path, dropped));
  return { ...parsed, tasks, diagnostics: [...parsed.diagnostics, ...notes] };
}
