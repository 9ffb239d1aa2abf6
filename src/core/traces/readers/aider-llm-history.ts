/**
 * Aider `.aider.llm.history` (written with --llm-history-file). Aider's Coder.send logs, for each
 * API request, `TO LLM <ts>` then every message as `-------` + one `ROLE text` line per content
 * line (aider/utils.py format_messages), then `LLM RESPONSE <ts>` + `ASSISTANT text` lines. The
 * response is logged in a `finally`, so a request that failed (rate limit, API error) still logs a
 * block, with an empty response: such blocks are retried attempts, not calls.
 *
 * Tasks follow aider's own loop (base_coder.run_one): one human message, then the "reflections"
 * aider sends by itself until the reply settles. A block continues the previous block's task when:
 * - it resends the failed previous attempt's exact messages (a retry);
 * - its last message is the assistant's (prefill continuation after an output-length stop);
 * - its last user message starts with the previous reply (architect mode: the editor coder gets
 *   the architect's answer as its request; it runs in a fresh context, lineage "editor");
 * - its last user message is one of aider's reflection prompts (file-add confirmation, failed
 *   SEARCH/REPLACE blocks, lint errors, an interrupted reply).
 * Anything else is a new human request. Known gap: test-failure reflections carry the raw test
 * output and are indistinguishable from a pasted error, so they start a task.
 */
import { MessageInterner, type Call, type Message, type Role, type Task } from '../model';
import { formatBytes, readLines } from '../io';
import type { ReadLimits } from '../reader';
import { DiagnosticList, shortTitle } from './jsonl-lines';

export const HEADER = /^(TO LLM|LLM RESPONSE) (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^\s]*)\s*$/;
const ROLE_LINE = /^(SYSTEM|USER|ASSISTANT|TOOL|FUNCTION|DEVELOPER)(?: (.*))?$/s;
const RESPONSE_LINE = /^ASSISTANT(?: (.*))?$/s;
const SEPARATOR = '-------';

/** aider/prompts.py added_files, editblock failures, lint_edited, the ^C handling of send_message. */
const REFLECTIONS = [
  /^I added these files to the chat:/,
  /^# \d+ SEARCH\/REPLACE blocks? failed to match!/,
  /^# Fix any errors below, if possible\./,
  /^\^C KeyboardInterrupt/,
];

interface Attempt {
  line: number;
  timestamp: string;
  messages: Message[];
  /** null when no LLM RESPONSE block followed (crash, or still waiting at the end of the file). */
  response: string | null;
}

function mapRole(r: string): Role {
  switch (r) {
    case 'SYSTEM':
      return 'system';
    case 'DEVELOPER':
      return 'developer';
    case 'ASSISTANT':
      return 'assistant';
    case 'TOOL':
    case 'FUNCTION':
      return 'tool';
    default:
      return 'user';
  }
}

/** Parses blocks line by line; only the block being read is held in memory. */
async function* attempts(path: string, limits: ReadLimits, diags: DiagnosticList, interner: MessageInterner): AsyncGenerator<Attempt> {
  let cur: Attempt | null = null;
  let mode: 'prompt' | 'response' | null = null;
  let msgRole: string | null = null;
  let msgLines: string[] = [];
  let response: string[] = [];
  let stray = 0;
  let strayFirst: number | null = null;
  const endMessage = (): void => {
    if (cur && msgRole != null) cur.messages.push(interner.intern(mapRole(msgRole), msgLines.join('\n')));
    msgRole = null;
    msgLines = [];
  };
  const endBlock = (): Attempt | null => {
    const done = cur;
    if (done && mode === 'response') done.response = response.join('\n');
    else endMessage();
    cur = null;
    mode = null;
    response = [];
    return done;
  };
  for await (const ev of readLines(path, limits.maxLineBytes)) {
    if ('tooLong' in ev) {
      diags.add(ev.lineNo, 'warning', `line is ${formatBytes(ev.tooLong)}, over the ${formatBytes(limits.maxLineBytes)} line limit; skipped (that message is cut)`);
      continue;
    }
    if (ev.invalidUtf8) diags.add(ev.lineNo, 'warning', 'not valid UTF-8; bad bytes replaced');
    const text = ev.lineNo === 1 ? ev.text.replace(/^\uFEFF/, '') : ev.text;
    const h = HEADER.exec(text);
    if (h) {
      if (h[1] === 'TO LLM') {
        const done = endBlock();
        if (done) yield done;
        cur = { line: ev.lineNo, timestamp: h[2] ?? '', messages: [], response: null };
        mode = 'prompt';
      } else if (cur && mode === 'prompt') {
        endMessage();
        mode = 'response';
      } else {
        diags.add(ev.lineNo, 'warning', 'LLM RESPONSE without a TO LLM block before it; ignored');
        const done = endBlock();
        if (done) yield done;
      }
      continue;
    }
    if (!cur) {
      if (text.trim() !== '') {
        stray++;
        strayFirst ??= ev.lineNo;
      }
      continue;
    }
    if (mode === 'prompt') {
      if (text === SEPARATOR) {
        endMessage();
        continue;
      }
      const m = ROLE_LINE.exec(text);
      if (m) {
        // Every line of one message carries the same role; a change means a message boundary.
        if (msgRole != null && msgRole !== m[1]) endMessage();
        msgRole = m[1] ?? 'USER';
        msgLines.push(m[2] ?? '');
      } else if (text !== '') {
        stray++;
        strayFirst ??= ev.lineNo;
        msgRole ??= 'USER';
        msgLines.push(text);
      }
    } else {
      const m = RESPONSE_LINE.exec(text);
      response.push(m ? (m[1] ?? '') : text);
    }
  }
  const last = endBlock();
  if (last) yield last;
  if (stray > 0) diags.add(strayFirst, 'warning', `${stray} line(s) without an aider role prefix (first at line ${strayFirst}); kept as text`);
}

type Link = 'new' | 'retry' | 'prefill' | 'editor' | 'reflection';

function sameMessages(a: readonly Message[], b: readonly Message[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

function linkToPrevious(a: Attempt, prev: Attempt | null): Link {
  if (!prev) return 'new';
  const prevFailed = prev.response == null || prev.response.trim() === '';
  if (prevFailed && sameMessages(a.messages, prev.messages)) return 'retry';
  const last = a.messages[a.messages.length - 1];
  if (last?.role === 'assistant') return 'prefill';
  const lastUser = [...a.messages].reverse().find((m) => m.role === 'user');
  const request = lastUser ? lastUser.text.trimStart() : '';
  const reply = prev.response?.trim() ?? '';
  // The editor's fresh context holds the architect's answer as its request, never as a reply of its own.
  if (reply !== '' && request.startsWith(reply) && !a.messages.some((m) => m.role === 'assistant' && m.text.trim() === reply)) {
    return 'editor';
  }
  if (REFLECTIONS.some((r) => r.test(request))) return 'reflection';
  return 'new';
}

export async function readLlmHistory(path: string, limits: ReadLimits): Promise<{ tasks: Task[]; diags: DiagnosticList }> {
  const diags = new DiagnosticList();
  const interner = new MessageInterner();
  const tasks: Task[] = [];
  let task: Task | null = null;
  let lineage = 'main';
  let prev: Attempt | null = null;
  let failed = 0;
  let unanswered = 0;
  let emptyTasks = 0;
  let blocks = 0;
  const closeTask = (): void => {
    if (task && task.calls.length > 0) tasks.push(task);
    else if (task) emptyTasks++;
  };
  for await (const a of attempts(path, limits, diags, interner)) {
    blocks++;
    const link = linkToPrevious(a, prev);
    if (link === 'new' || !task) {
      closeTask();
      const lastUser = [...a.messages].reverse().find((m) => m.role === 'user');
      // The request's first line: some models get aider's reminder appended to the same message.
      const request = (lastUser?.text ?? '').trimStart().split('\n', 1)[0] ?? '';
      task = { id: `turn-${tasks.length + emptyTasks + 1}`, title: shortTitle(request), calls: [], line: a.line };
      lineage = 'main';
    } else if (link === 'editor') {
      lineage = 'editor';
    }
    prev = a;
    if (a.response == null) {
      unanswered++;
      continue;
    }
    if (a.response.trim() === '') {
      failed++;
      continue;
    }
    const call: Call = {
      id: `line-${a.line}`,
      lineage,
      model: null,
      provider: null,
      prompt: a.messages,
      // The block holds every message aider sent; aider's edit formats send no tool definitions.
      promptComplete: true,
      completion: a.response,
      usage: { inTotal: null, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: 'tokenizer' },
      isSubagent: lineage === 'editor',
      line: a.line,
      timestamp: a.timestamp,
    };
    task.calls.push(call);
  }
  closeTask();
  if (blocks === 0) diags.add(null, 'warning', 'no "TO LLM" block found: nothing to read');
  if (failed > 0) {
    diags.add(null, 'info', `${failed} TO LLM block(s) got an empty LLM RESPONSE (failed requests such as rate-limit retries, logged by aider anyway): not counted as calls`);
  }
  if (unanswered > 0) diags.add(null, 'info', `${unanswered} TO LLM block(s) have no LLM RESPONSE (interrupted, or still waiting): not counted`);
  if (emptyTasks > 0) diags.add(null, 'info', `${emptyTasks} request(s) never got a reply: no task`);
  return { tasks, diags };
}
