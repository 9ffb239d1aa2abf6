/**
 * Aider's two history files: `.aider.llm.history` (every prompt in full, no usage) and
 * `.aider.chat.history.md` (the chat as markdown, rounded usage per call). See
 * aider-llm-history.ts and aider-chat-md.ts for how tasks and calls are found in each.
 */
import type { Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { readChatMarkdown, SESSION_START } from './aider-chat-md';
import { HEADER, readLlmHistory } from './aider-llm-history';
import type { DiagnosticList } from './jsonl-lines';

function firstLine(probe: Probe): string {
  const line = probe.firstLines[0] ?? probe.head.split('\n', 1)[0] ?? '';
  return line.replace(/^\uFEFF/, '');
}

export function detectLlmHistory(probe: Probe): number {
  if (probe.binary) return 0;
  const first = firstLine(probe);
  if (HEADER.test(first)) return first.startsWith('TO LLM') ? 0.95 : 0.8;
  return probe.fileName.endsWith('.aider.llm.history') ? 0.5 : 0;
}

export function detectChatHistory(probe: Probe): number {
  if (probe.binary) return 0;
  if (SESSION_START.test(firstLine(probe))) return 0.95;
  // The file usually opens with a blank line, then the session header.
  const start = probe.firstLines.slice(0, 5).some((l) => SESSION_START.test(l));
  if (start) return 0.9;
  return probe.fileName.endsWith('.aider.chat.history.md') ? 0.5 : 0;
}

async function guarded(read: () => Promise<{ tasks: ReadResult['tasks']; diags: DiagnosticList }>): Promise<ReadResult> {
  try {
    const { tasks, diags } = await read();
    return { tasks, diagnostics: diags.finish() };
  } catch (e) {
    // Readers never throw: an unforeseen failure is one more diagnostic.
    return { tasks: [], diagnostics: [{ line: null, severity: 'error', message: `could not read the file: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

export const aiderLlmHistoryReader: TraceReader = {
  format: 'aider-llm-history',
  label: 'Aider LLM history (.aider.llm.history)',
  detect: detectLlmHistory,
  read: (path: string, limits: ReadLimits) => guarded(() => readLlmHistory(path, limits)),
};

export const aiderChatHistoryReader: TraceReader = {
  format: 'aider-chat-history',
  label: 'Aider chat history (.aider.chat.history.md)',
  detect: detectChatHistory,
  read: (path: string, limits: ReadLimits) => guarded(() => readChatMarkdown(path, limits)),
};

export const readers: TraceReader[] = [aiderLlmHistoryReader, aiderChatHistoryReader];
