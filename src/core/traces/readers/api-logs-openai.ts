/** OpenAI Chat Completions and Responses bodies in a plain API log: the prompt and the reply as messages. */
import type { Message, MessageInterner, Role } from '../model';
import { chatMessageText, contentText, isRecord, safeStringify } from './openai-shapes';
import { toolsMessage, type Pair, type Rec, type Rendered } from './api-logs-record';

export function renderOpenAi(p: Pair, interner: MessageInterner): Rendered {
  const req = p.request;
  let prompt: Message[] | null = null;
  let complete = false;
  if (req) {
    prompt = [];
    complete = true;
    const tools = toolsMessage(req.tools ?? req.functions, interner);
    if (tools) prompt.push(tools);
    if (typeof req.instructions === 'string') prompt.push(interner.intern('system', req.instructions));
    const items: unknown[] = Array.isArray(req.messages)
      ? req.messages
      : typeof req.input === 'string'
        ? [{ role: 'user', content: req.input }]
        : Array.isArray(req.input)
          ? req.input
          : [];
    if (items.length === 0) {
      // No message to show: the prompt is unknown rather than empty.
      return { prompt: null, complete: false, reply: openAiReply(p.response, interner) };
    }
    for (const m of items) {
      const msg = responsesItem(m) ?? chatMessageText(m);
      if (msg) prompt.push(interner.intern(msg.role, msg.text));
      else complete = false;
    }
    // With previous_response_id the earlier turns live on the server, not in this request.
    if (typeof req.previous_response_id === 'string') complete = false;
  }
  return { prompt, complete, reply: openAiReply(p.response, interner) };
}

function openAiReply(res: Rec | null, interner: MessageInterner): Message | null {
  const choice = Array.isArray(res?.choices) ? res.choices[0] : undefined;
  if (isRecord(choice) && isRecord(choice.message)) {
    const m = chatMessageText({ ...choice.message, role: 'assistant' });
    return m ? interner.intern('assistant', m.text) : null;
  }
  if (Array.isArray(res?.output)) {
    const texts = res.output.map((o) => responsesItem(o)?.text ?? '').filter((t) => t !== '');
    return interner.intern('assistant', texts.join('\n'));
  }
  return null;
}

/** A Responses-API input/output item that is not a plain chat message (function calls and their outputs). */
function responsesItem(item: unknown): { role: Role; text: string } | null {
  if (!isRecord(item)) return null;
  switch (item.type) {
    case 'function_call':
      return { role: 'assistant', text: `${String(item.name)}(${typeof item.arguments === 'string' ? item.arguments : safeStringify(item.arguments)})` };
    case 'function_call_output':
      return { role: 'tool', text: typeof item.output === 'string' ? item.output : safeStringify(item.output) };
    case 'message':
      return item.role === 'assistant' || item.role === 'user' || item.role === 'system' || item.role === 'developer'
        ? { role: item.role, text: contentText(item.content) }
        : null;
    case 'reasoning':
      return { role: 'assistant', text: contentText(item.summary) };
    default:
      return null;
  }
}
