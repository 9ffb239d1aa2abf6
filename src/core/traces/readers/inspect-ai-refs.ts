/**
 * Inspect `input_refs`: a model event's prompt given as [start, end) ranges into the sample's
 * message pool. Bounded per call and per sample, each pool message rendered once per sample.
 */
import type { Message, MessageInterner } from '../model';
import { renderMessage, type Attachments } from './inspect-ai-messages';

/** A hostile `input_refs` could expand to billions of messages; no real prompt is this long. */
const MAX_PROMPT_MESSAGES = 100_000;
/**
 * Over all calls of one sample, `input_refs` may reference at most this many messages and
 * characters (about 50 M tokens: ten times a long SWE-bench sample). Each call re-references its
 * whole context, so 1,000 calls over a big pool cost minutes and gigabytes to measure (issue 11); past
 * the cap a call's prompt is not rendered (its recorded usage is kept) and a warning says so.
 */
export const MAX_SAMPLE_REFERENCED_MESSAGES = 1_000_000;
export const MAX_SAMPLE_REFERENCED_CHARS = 200_000_000;

export function newRefBudget(): RefBudget {
  return { messages: MAX_SAMPLE_REFERENCED_MESSAGES, chars: MAX_SAMPLE_REFERENCED_CHARS, rendered: new Map() };
}

/** What is left of a sample's `input_refs` budget, and each pool message rendered once. */
export interface RefBudget {
  messages: number;
  chars: number;
  rendered: Map<number, { msg: Message | null; missing: boolean }>;
}

/** What referencedMessages needs of a call's context. */
export interface RefContext {
  pool: readonly unknown[];
  refs: RefBudget;
  att: Attachments;
  ctx: { interner: MessageInterner };
}

/**
 * The pool messages `input_refs` ([start, end) ranges) name, each rendered once per sample; null
 * when the sample's budget (MAX_SAMPLE_REFERENCED_*) cannot pay for them all.
 */
export function referencedMessages(refs: readonly unknown[], c: RefContext): { ok: boolean; messages: Message[] } | null {
  const ranges: Array<[number, number]> = [];
  let ok = true;
  let count = 0;
  for (const r of refs) {
    const [start, end] = Array.isArray(r) ? r : [];
    if (
      typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end) ||
      start < 0 || end < start || end > c.pool.length
    ) {
      ok = false;
      continue;
    }
    if (count + (end - start) > MAX_PROMPT_MESSAGES) {
      ok = false;
      break;
    }
    ranges.push([start, end]);
    count += end - start;
  }
  if (count > c.refs.messages) return exhausted(c.refs);
  const messages: Message[] = [];
  let chars = 0;
  for (const [start, end] of ranges) {
    for (let i = start; i < end; i++) {
      let done = c.refs.rendered.get(i);
      if (done === undefined) {
        const before = c.att.missing;
        done = { msg: renderMessage(c.pool[i], c.att, c.ctx.interner), missing: false };
        done.missing = c.att.missing > before;
        c.refs.rendered.set(i, done);
      }
      if (done.msg) {
        messages.push(done.msg);
        chars += done.msg.text.length;
      }
      if (!done.msg || done.missing) ok = false;
      if (chars > c.refs.chars) return exhausted(c.refs);
    }
  }
  c.refs.messages -= count;
  c.refs.chars -= chars;
  return { ok, messages };
}

/** Once over budget, every later call of the sample is refused at once (no more rendering). */
function exhausted(refs: RefBudget): null {
  refs.messages = 0;
  refs.chars = 0;
  return null;
}
