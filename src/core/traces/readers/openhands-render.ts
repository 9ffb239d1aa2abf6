/**
 * OpenHands events → approximate prompt messages. OpenHands rebuilds each prompt from the events
 * (ConversationMemory); this follows it loosely: good enough to tokenize when usage is missing, never exact.
 */
import type { Role } from '../model';
import { completionText, contentText, isRecord, safeStringify } from './openai-shapes';

export type Rec = Record<string, unknown>;

/** Actions that no model call produced. */
export const NON_LLM_ACTIONS: ReadonlySet<string> = new Set([
  'system',
  'recall',
  'condensation',
  'condensation_request',
  'change_agent_state',
  'null',
]);

const SILENT_OBSERVATIONS: ReadonlySet<string> = new Set(['agent_state_changed', 'null', 'agent_condensation_observation']);

export function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** model_response of an event's tool_call_metadata, when it has one. */
export function modelResponse(e: Rec): Rec | null {
  const tcm = e.tool_call_metadata;
  return isRecord(tcm) && isRecord(tcm.model_response) ? tcm.model_response : null;
}

/** Action fields live in `args` (current events) or at the top level (older resolver output). */
function actionFields(e: Rec): Rec {
  return isRecord(e.args) ? e.args : e;
}

/** The text an agent action without a recorded response stands for: its thought and its command. */
export function actionText(e: Rec): string {
  const a = actionFields(e);
  const body = str(a.command) ?? str(a.code) ?? str(a.content) ?? str(a.final_thought) ?? str(a.path) ?? '';
  return [str(a.thought) ?? '', body].filter((t) => t !== '').join('\n');
}

export interface Rendered {
  role: Role;
  text: string;
}

/**
 * One event as a prompt message, or null when it adds nothing. `renderedResponses` makes the several
 * actions of one response (total_calls_in_response > 1) appear once, as the assistant message they came from.
 */
export function renderEvent(e: Rec, source: string, renderedResponses: Set<string>): Rendered | null {
  if (typeof e.action === 'string') {
    if (e.action === 'system') {
      const a = actionFields(e);
      const tools = a.tools === undefined ? '' : '\n' + safeStringify(a.tools);
      return { role: 'system', text: (str(a.content) ?? str(e.message) ?? '') + tools };
    }
    if (NON_LLM_ACTIONS.has(e.action)) return null;
    if (e.action === 'message' && source === 'user') {
      return { role: 'user', text: str(actionFields(e).content) ?? str(e.message) ?? '' };
    }
    const response = modelResponse(e);
    const id = response ? str(response.id) : null;
    if (response && id !== null) {
      if (renderedResponses.has(id)) return null;
      renderedResponses.add(id);
      return { role: 'assistant', text: completionText(response) ?? actionText(e) };
    }
    return { role: 'assistant', text: actionText(e) };
  }
  if (typeof e.observation === 'string') {
    if (SILENT_OBSERVATIONS.has(e.observation)) return null;
    const text = contentText(e.content);
    if (e.observation === 'recall') {
      const extras = isRecord(e.extras) ? safeStringify(e.extras) : '';
      return { role: 'user', text: [text, extras].filter((t) => t !== '').join('\n') };
    }
    return { role: isRecord(e.tool_call_metadata) ? 'tool' : 'user', text };
  }
  return null;
}
