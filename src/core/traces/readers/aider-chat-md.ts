/**
 * Aider `.aider.chat.history.md`: `# aider chat started at …` opens a session, `#### ` lines are
 * what the user typed (consecutive ones are one multi-line input), `> ` lines are aider's own
 * output, the rest is the assistant's reply. Aider prints one `> Tokens: 3.2k sent, 222 received.`
 * line per send_message (base_coder.calculate_and_show_tokens_and_cost), i.e. per API call: that
 * line is the call, and its numbers are the only usage this file has, rounded by format_tokens
 * (under 1,000 exact, under 10k to 100 tokens, above to 1,000).
 *
 * The assistant's replies are raw markdown and may hold `#### ` headings of their own; aider's
 * user_input ends each typed line with two spaces, so a `#### ` line counts as typed only with
 * them (unless the file's first `#### ` line lacks them too: trailing spaces were stripped).
 *
 * Tasks: each typed input that is not a `/command` or an answer to aider's own (Y)es/(N)o question starts one (`/code X`, `/ask X`… are followed
 * by aider echoing `#### X`, which is what counts). Lineages: a session starts one, and so do
 * /clear, /reset (the context is dropped) and /model (another model has no cache in common).
 * Failed requests print no Tokens line, so they are not calls.
 */
import type { Call, Task } from '../model';
import { formatBytes, readLines } from '../io';
import type { ReadLimits } from '../reader';
import { DiagnosticList, shortTitle } from './jsonl-lines';

export const SESSION_START = /^# aider chat started at (\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d)/;
const INPUT = /^####(?: (.*))?$/;
/** io.user_input ends every typed line with two spaces (a markdown hard break). */
const HARD_BREAK = / {2}$/;
const TOKENS = /^> Tokens: (.*)$/;
const MODEL = /^> (?:Main )?[Mm]odel: (\S+)/;
const NEW_CONTEXT_COMMANDS = /^\/(clear|reset|model)\b/;
/** io.confirm_ask: "Add file to the chat? (Y)es/(N)o/(A)ll/(S)kip all/(D)on't ask again [Yes]: all". */
const CONFIRM_ANSWER = /\(Y\)es\/\(N\)o\b.*\[(?:Yes|No)\]:/;

/** "3.2k" → 3200, "12k" → 12000, "222" → 222. */
function tokens(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(k?)$/.exec(s);
  if (!m) return null;
  return Math.round(Number(m[1]) * (m[2] ? 1000 : 1));
}

export interface TokenLine {
  sent: number | null;
  cacheWrite: number | null;
  cacheHit: number | null;
  received: number | null;
}

/** Parses the part after "Tokens: "; null when it does not have aider's shape. */
export function parseTokens(rest: string): TokenLine | null {
  const end = rest.indexOf(' received.');
  if (end === -1) return null;
  const out: TokenLine = { sent: null, cacheWrite: null, cacheHit: null, received: null };
  for (const part of (rest.slice(0, end) + ' received').split(', ')) {
    const m = /^(\S+) (sent|cache write|cache hit|received)$/.exec(part.trim());
    const n = m ? tokens(m[1] ?? '') : null;
    if (!m || n == null) return null;
    if (m[2] === 'sent') out.sent = n;
    else if (m[2] === 'cache write') out.cacheWrite = n;
    else if (m[2] === 'cache hit') out.cacheHit = n;
    else out.received = n;
  }
  return out.sent == null || out.received == null ? null : out;
}

function splitModel(name: string): { model: string; provider: string | null } {
  const slash = name.indexOf('/');
  return slash > 0 ? { provider: name.slice(0, slash), model: name.slice(slash + 1) } : { provider: null, model: name };
}

export async function readChatMarkdown(path: string, limits: ReadLimits): Promise<{ tasks: Task[]; diags: DiagnosticList }> {
  const diags = new DiagnosticList();
  const tasks: Task[] = [];
  let task: Task | null = null;
  let session = 0;
  let context = 0;
  let model: { model: string; provider: string | null } | null = null;
  let input: { line: number; lines: string[] } | null = null;
  let reply: string[] = [];
  let calls = 0;
  let confirmAnswers = 0;
  let sessionTime: string | null = null;
  /** Decided by the first `#### ` line: do typed lines keep aider's two trailing spaces? */
  let hardBreaks: boolean | null = null;

  const lineage = (): string => `session-${session}.${context}`;
  const flushInput = (): void => {
    if (!input) return;
    const text = input.lines.join('\n').trim();
    const line = input.line;
    input = null;
    reply = [];
    if (text === '') return;
    if (text.startsWith('/')) {
      if (NEW_CONTEXT_COMMANDS.test(text)) context++;
      return;
    }
    // the user answering aider's own question: the calls after it continue the request before it
    if (CONFIRM_ANSWER.test(text)) {
      confirmAnswers++;
      return;
    }
    if (task && task.calls.length > 0) tasks.push(task);
    task = { id: `turn-${line}`, title: shortTitle(text), calls: [], line };
  };

  for await (const ev of readLines(path, limits.maxLineBytes)) {
    if ('tooLong' in ev) {
      diags.add(ev.lineNo, 'warning', `line is ${formatBytes(ev.tooLong)}, over the ${formatBytes(limits.maxLineBytes)} line limit; skipped`);
      continue;
    }
    if (ev.invalidUtf8) diags.add(ev.lineNo, 'warning', 'not valid UTF-8; bad bytes replaced');
    const raw = ev.lineNo === 1 ? ev.text.replace(/^\uFEFF/, '') : ev.text;
    const text = raw.replace(HARD_BREAK, '');
    const inputLine = INPUT.exec(text);
    if (inputLine) {
      hardBreaks ??= HARD_BREAK.test(raw);
      if (!hardBreaks || HARD_BREAK.test(raw)) {
        input ??= { line: ev.lineNo, lines: [] };
        input.lines.push(inputLine[1] ?? '');
        continue;
      }
    }
    flushInput();
    const start = SESSION_START.exec(text);
    if (start) {
      // Calls of a new session before its first request are a task of their own, not the last one's.
      if (task && task.calls.length > 0) tasks.push(task);
      task = null;
      session++;
      context = 0;
      sessionTime = start[1] ?? null;
      continue;
    }
    const m = MODEL.exec(text);
    if (m) {
      model = splitModel(m[1] ?? '');
      continue;
    }
    const t = TOKENS.exec(text);
    if (t) {
      const parsed = parseTokens(t[1] ?? '');
      if (!parsed) {
        diags.add(ev.lineNo, 'warning', `"> Tokens:" line not in aider's usual shape; call skipped`);
        continue;
      }
      task ??= { id: `preamble-${session}`, title: null, calls: [], line: ev.lineNo };
      const completion = reply.join('\n').trim();
      const call: Call = {
        id: `line-${ev.lineNo}`,
        lineage: lineage(),
        model: model?.model ?? null,
        provider: model?.provider ?? null,
        prompt: null,
        promptComplete: false,
        completion: completion === '' ? null : completion,
        usage: {
          inTotal: parsed.sent,
          cacheRead: parsed.cacheHit,
          cacheWrite: parsed.cacheWrite,
          output: parsed.received,
          reasoning: null,
          source: 'recorded',
        },
        isSubagent: false,
        line: ev.lineNo,
        // Calls carry no time of their own; the session start is the best the file says.
        timestamp: sessionTime,
      };
      task.calls.push(call);
      calls++;
      reply = [];
      continue;
    }
    if (!text.startsWith('>')) reply.push(text);
  }
  flushInput();
  const last = task as Task | null;
  if (last && last.calls.length > 0) tasks.push(last);
  if (session === 0) diags.add(null, 'warning', 'no "# aider chat started at" line: not an aider chat history, or its start is missing');
  if (confirmAnswers > 0) diags.add(null, 'info', `${confirmAnswers} answer(s) to aider's (Y)es/(N)o questions continue the request before them`);
  if (calls > 0) {
    diags.add(null, 'info', 'usage comes from aider\'s "> Tokens:" lines, rounded (under 10k to ±50 tokens, above to ±500); "sent" is aider\'s own count when the API returned none; cache hits are only shown for providers that report them');
  }
  return { tasks, diags };
}
