/**
 * GitHub Copilot Chat sessions of VS Code (FORMATS.md §20): `chatSessions/<id>.json`
 * (`{version, requests[]}`) and the incremental `.jsonl` (replayed, see copilot-chat-replay.ts).
 *
 * - Task: one request (one user turn). Agent mode makes several model calls per request
 *   (`result.metadata.toolCallRounds`). Where tokens are recorded they are per turn: one call carries
 *   them (k is a lower bound there; a diagnostic says how many turns were folded). Where none are
 *   recorded, each round is one call.
 * - Usage: `result.promptTokens/outputTokens` (2026), `result.usage.promptTokens/completionTokens`
 *   (older), `result.metadata.promptTokens/outputTokens` (Insiders). No cache fields exist: cache
 *   read/write stay null. Where nothing is recorded, the usage is left to our tokenizer
 *   (source `tokenizer`, an estimate): the prompt is the earlier turns, this message and the earlier
 *   rounds' outputs and tool results (without Copilot's system prompt, tools and attached context, so
 *   an underestimate), the completion is what the round (or the response) wrote.
 * - Model: `modelId`, `copilot/<model>` → provider copilot; `<vendor>/<model>` (BYOK) → that vendor.
 */
import type { Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { DiagnosticList, jsonObjectLines, probeObjects } from './jsonl-lines';
import { CopilotReplay } from './copilot-chat-replay';
import { sessionTasks } from './copilot-chat-session';
import { loadJsonDocument, neverThrows } from './json-document';
import { isRecord } from './openai-shapes';

export function detectCopilotChat(probe: Probe): number {
  if (probe.binary) return 0;
  const first = probeObjects(probe.firstLines, 1)[0];
  if (first && first.kind === 0 && isRecord(first.v) && ('requests' in first.v || 'responderUsername' in first.v)) return 0.9;
  const head = probe.head.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{') || !/"requests"\s*:\s*\[/.test(head)) return 0;
  if (/"responderUsername"\s*:/.test(head)) return 0.9;
  if (/"requestId"\s*:/.test(head) && /"modelId"\s*:/.test(head) && /"message"\s*:\s*\{/.test(head)) return 0.8;
  return 0;
}

async function readCopilotChat(path: string, limits: ReadLimits): Promise<ReadResult> {
  const doc = await loadJsonDocument(path, limits);
  if (doc.ok) {
    // a .jsonl that is still only its snapshot line is one JSON document too
    const session = isRecord(doc.value) && doc.value.kind === 0 ? doc.value.v : doc.value;
    return { tasks: sessionTasks(session, session === doc.value ? doc.text : null, doc.diagnostics), diagnostics: doc.diagnostics };
  }
  // not one JSON document: the incremental JSONL form
  const diags = new DiagnosticList();
  const replay = new CopilotReplay(diags);
  for await (const rec of jsonObjectLines(path, limits, diags)) replay.add(rec.lineNo, rec.value);
  replay.finish();
  const diagnostics = diags.finish();
  if (replay.state === null) {
    diagnostics.push(...doc.diagnostics, { line: null, severity: 'error', message: 'not a Copilot Chat session JSON, nor its JSONL form (no kind 0 snapshot line)' });
    return { tasks: [], diagnostics };
  }
  return { tasks: sessionTasks(replay.state, null, diagnostics), diagnostics };
}

export const readers: TraceReader[] = [
  {
    format: 'copilot-chat',
    label: 'GitHub Copilot Chat session (VS Code .json / .jsonl)',
    detect: detectCopilotChat,
    read: neverThrows('Copilot Chat', readCopilotChat),
  },
];
