/**
 * The sibling api_conversation_history.json of a Cline / Roo / Kilo ui_messages.json: the messages
 * the model was sent (without the system prompt and tool definitions), used for each call's prompt
 * and completion text. Optional: a ui_messages.json copied alone is read without it.
 */
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Diagnostic, Message, Role } from '../model';
import { MessageInterner } from '../model';
import type { ReadLimits } from '../reader';
import { historyMessageSchema } from './cline-schema';
import { arrayItemLines } from './json-item-lines';
import { firstIssue, loadJsonDocument, typeName } from './json-document';
import { isRecord, safeStringify } from './openai-shapes';

export const HISTORY_FILE = 'api_conversation_history.json';

export interface HistoryMessage {
  message: Message;
  ts: number | null;
  /** The `<model>` tag of Roo's environment details in a user message, when present. */
  modelTag: string | null;
}

/** One Anthropic content block as text: tool calls and results rendered, images as a marker. */
function blockText(b: unknown): string {
  if (!isRecord(b)) return '';
  switch (b.type) {
    case 'text':
      return typeof b.text === 'string' ? b.text : '';
    case 'thinking':
      return typeof b.thinking === 'string' ? b.thinking : '';
    case 'tool_use':
      return `[tool_use ${typeof b.name === 'string' ? b.name : ''}] ${safeStringify(b.input ?? null)}`;
    case 'tool_result':
      return typeof b.content === 'string' ? b.content : Array.isArray(b.content) ? b.content.map(blockText).filter((t) => t !== '').join('\n') : '';
    case 'image':
      return '[image]';
    default:
      return '';
  }
}

export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map(blockText).filter((t) => t !== '').join('\n');
}

const MODEL_TAG = /<model>([^<\n]{1,200})<\/model>/;

/**
 * Reads the history beside `uiPath`, or null when there is none. Problems become diagnostics that
 * name the history file (the diagnostics belong to the ui_messages.json being read).
 */
export async function readSiblingHistory(uiPath: string, limits: ReadLimits, diagnostics: Diagnostic[]): Promise<HistoryMessage[] | null> {
  const path = join(dirname(uiPath), HISTORY_FILE);
  if (path === uiPath) return null;
  try {
    await access(path);
  } catch {
    return null;
  }
  const doc = await loadJsonDocument(path, limits);
  const say = (line: number | null, message: string) => diagnostics.push({ line: null, severity: 'warning', message: `${HISTORY_FILE}${line ? ` line ${line}` : ''}: ${message}` });
  if (!doc.ok) {
    for (const d of doc.diagnostics) say(d.line, `${d.message}; prompts not read`);
    return null;
  }
  if (!Array.isArray(doc.value)) {
    say(null, `a JSON ${typeName(doc.value)}, expected a list of messages; prompts not read`);
    return null;
  }
  const lines = arrayItemLines(doc.text, 1);
  const interner = new MessageInterner();
  const out: HistoryMessage[] = [];
  doc.value.forEach((raw, i) => {
    const m = historyMessageSchema.safeParse(raw);
    if (!m.success) {
      say(lines[i] ?? null, `message ${i}: ${firstIssue(m.error)}; skipped`);
      return;
    }
    const role: Role = m.data.role === 'assistant' ? 'assistant' : 'user';
    const text = contentText(m.data.content);
    const tag = role === 'user' ? MODEL_TAG.exec(text) : null;
    out.push({ message: interner.intern(role, text), ts: m.data.ts ?? null, modelTag: tag?.[1]?.trim() ?? null });
  });
  return out;
}

export interface PromptSlice {
  prompt: Message[];
  completion: string | null;
  modelTag: string | null;
}

/** The latest Roo `<model>` tag in messages [0, end). */
function modelTagBefore(history: readonly HistoryMessage[], end: number): string | null {
  for (let i = Math.min(end, history.length) - 1; i >= 0; i--) if (history[i]!.modelTag) return history[i]!.modelTag;
  return null;
}

/**
 * The prompt and completion of one call.
 * - Cline rows carry conversationHistoryIndex: the history's last index when the request started
 *   (-1 for the first), so the prompt is messages [0, index + 2) and the reply is the next one.
 * - Roo rows carry no index: the reply is the first assistant message written after the row's ts
 *   (and before the next call's), the prompt everything before it.
 */
export function promptFor(history: readonly HistoryMessage[], historyIndex: number | null, ts: number, nextTs: number | null): PromptSlice | null {
  let end: number;
  if (historyIndex !== null && historyIndex >= -1) {
    end = Math.min(historyIndex + 2, history.length);
  } else {
    const reply = history.findIndex((h) => h.message.role === 'assistant' && h.ts !== null && h.ts > ts && (nextTs === null || h.ts <= nextTs));
    if (reply !== -1) end = reply;
    else {
      const after = history.findIndex((h) => h.ts !== null && nextTs !== null && h.ts > nextTs);
      end = after === -1 ? history.length : after;
    }
  }
  if (end <= 0) return null;
  const next = history[end];
  return {
    prompt: history.slice(0, end).map((h) => h.message),
    completion: next && next.message.role === 'assistant' ? next.message.text : null,
    modelTag: modelTagBefore(history, end),
  };
}
