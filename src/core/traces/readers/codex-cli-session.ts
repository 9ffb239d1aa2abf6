/**
 * Turns the lines of one Codex CLI rollout into tasks and calls. Fed line by line; keeps per call
 * only its usage and ids.
 */
import type { Call, Task, Usage } from '../model';
import { emptyUsage } from '../model';
import type { DiagnosticList } from './jsonl-lines';
import { describeIssues, shortTitle } from './jsonl-lines';
import type { TokenUsage } from './codex-cli-schema';
import { ForkCopy } from './codex-cli-fork';
import {
  codexUsage,
  envelopeSchema,
  eventSchema,
  inputText,
  isInjectedUserText,
  isSubagentSource,
  responseMessageSchema,
  sessionMetaSchema,
  tokenCountSchema,
  turnContextSchema,
  usageDelta,
  userMessageSchema,
} from './codex-cli-schema';

/** A human request seen at some point of the call sequence. */
interface TaskStart {
  callIndex: number;
  line: number;
  title: string | null;
}

function totalKey(u: TokenUsage): string {
  return [u.input_tokens, u.cached_input_tokens, u.output_tokens, u.reasoning_output_tokens, u.total_tokens].join(',');
}

export class CodexSession {
  private readonly calls: Call[] = [];
  // The same request is written twice (event_msg user_message and a response_item): tasks come
  // from the events, and from the response items only in files that have no such event.
  private readonly eventStarts: TaskStart[] = [];
  private readonly itemStarts: TaskStart[] = [];
  private model: string | null = null;
  private provider = 'openai';
  private subagent = false;
  private epoch = 1;
  private compactionPending = false;
  private prevTotal: TokenUsage | null = null;
  private prevTotalKey: string | null = null;
  /** Running totals already counted: a resumed session re-emits earlier token_count events. */
  private readonly seenTotals = new Set<string>();
  private reEmitted = 0;
  private duplicateEvents = 0;
  private legacyLines = 0;
  /** A forked session's copy of its parent's history (codex-cli-fork.ts). */
  private readonly fork = new ForkCopy();
  private copied = false;
  /** What finish() handed out, by task position: reused while its calls and request are the same (a live session asks often). */
  private built: { from: number; to: number; start: TaskStart | null; task: Task }[] = [];

  constructor(private readonly diags: DiagnosticList) {}

  add(lineNo: number, raw: Record<string, unknown>): void {
    const env = envelopeSchema.safeParse(raw);
    if (!env.success) {
      // the mid-2025 format: a header without `type`, then `{record_type: "state"}` lines
      if ('record_type' in raw || 'instructions' in raw) this.legacyLines++;
      else this.diags.add(lineNo, 'error', `${describeIssues(env.error.issues)}; line skipped`);
      return;
    }
    const { type, payload, timestamp } = env.data;
    if (type !== 'session_meta') this.copied = this.fork.inCopy(lineNo, timestamp ?? null);
    switch (type) {
      case 'session_meta': {
        const m = sessionMetaSchema.safeParse(payload);
        if (!m.success) return this.bad(lineNo, 'payload', m.error.issues);
        this.copied = this.fork.onSessionMeta(lineNo, m.data.id ?? null, m.data.forked_from_id ?? null, timestamp ?? null);
        if (this.copied) return; // the parent's session_meta, copied: this session's provider and source stand
        if (m.data.model_provider) this.provider = m.data.model_provider;
        this.model ??= m.data.model ?? null;
        this.subagent = isSubagentSource(m.data.source);
        return;
      }
      case 'turn_context': {
        const t = turnContextSchema.safeParse(payload);
        if (!t.success) return this.bad(lineNo, 'payload', t.error.issues);
        if (t.data.model) this.model = t.data.model;
        return;
      }
      case 'compacted':
        this.compactionPending = true;
        return;
      case 'event_msg':
        return this.onEvent(lineNo, payload, timestamp ?? null);
      case 'response_item':
        return this.onResponseItem(lineNo, payload);
      default:
        // new record types appear with new CLI versions: nothing to count in them
        return;
    }
  }

  private bad(lineNo: number, where: string, issues: Parameters<typeof describeIssues>[0]): void {
    this.diags.add(lineNo, 'error', `${where}: ${describeIssues(issues)}; line skipped`);
  }

  private onEvent(lineNo: number, payload: unknown, timestamp: string | null): void {
    const e = eventSchema.safeParse(payload);
    if (!e.success) return this.bad(lineNo, 'payload', e.error.issues);
    if (e.data.type === 'token_count') this.onTokenCount(lineNo, payload, timestamp);
    else if (e.data.type === 'context_compacted') this.compactionPending = true;
    else if (e.data.type === 'user_message' && !this.copied) {
      const u = userMessageSchema.safeParse(payload);
      if (!u.success) return this.bad(lineNo, 'payload', u.error.issues);
      // older CLIs tagged injected context with a kind
      if (u.data.kind && u.data.kind !== 'plain') return;
      const text = u.data.message ?? '';
      if (isInjectedUserText(text)) return;
      const images = (payload as { images?: unknown }).images;
      const title = shortTitle(text) ?? (Array.isArray(images) && images.length > 0 ? '[image]' : null);
      this.eventStarts.push({ callIndex: this.calls.length, line: lineNo, title });
    }
  }

  private onResponseItem(lineNo: number, payload: unknown): void {
    const r = responseMessageSchema.safeParse(payload);
    if (!r.success) return this.bad(lineNo, 'payload', r.error.issues);
    if (r.data.type !== 'message' || r.data.role !== 'user' || this.copied) return;
    const text = inputText(r.data.content);
    if (text.trim() === '' || isInjectedUserText(text)) return;
    this.itemStarts.push({ callIndex: this.calls.length, line: lineNo, title: shortTitle(text) });
  }

  private onTokenCount(lineNo: number, payload: unknown, timestamp: string | null): void {
    const t = tokenCountSchema.safeParse(payload);
    if (!t.success) return this.bad(lineNo, 'token_count', t.error.issues);
    const info = t.data.info;
    if (!info) return; // a rate-limits-only event
    const total = info.total_token_usage ?? null;
    let last = info.last_token_usage ?? null;
    if (total) {
      const key = totalKey(total);
      // every event is written twice: an unchanged running total is no new call
      if (key === this.prevTotalKey) {
        this.duplicateEvents++;
        return;
      }
      // an earlier running total seen again (not just the previous one): an event re-emitted on resume
      if (this.seenTotals.has(key)) {
        this.reEmitted++;
        return;
      }
      this.seenTotals.add(key);
      last ??= this.prevTotal ? usageDelta(total, this.prevTotal) : total;
      this.prevTotal = total;
      this.prevTotalKey = key;
    }
    let usage: Usage;
    if (last) usage = codexUsage(last);
    else {
      usage = emptyUsage();
      if (!this.copied) this.diags.add(lineNo, 'warning', 'token_count without last_token_usage or total_token_usage: usage unknown');
    }
    if (this.copied) return this.fork.inherit(usage);
    if (this.compactionPending) {
      this.epoch++;
      this.compactionPending = false;
    }
    this.calls.push({
      id: `line-${lineNo}`,
      lineage: this.epoch === 1 ? 'main' : `main-${this.epoch}`,
      model: this.model,
      provider: this.provider,
      prompt: null,
      promptComplete: false,
      completion: null,
      usage,
      isSubagent: this.subagent,
      line: lineNo,
      timestamp,
    });
  }

  finish(): Task[] {
    const starts = this.eventStarts.length > 0 ? this.eventStarts : this.itemStarts;
    const tasks: Task[] = [];
    const built: typeof this.built = [];
    for (let i = 0; i <= starts.length; i++) {
      const start = i === 0 ? null : starts[i - 1]!;
      const from = start?.callIndex ?? 0;
      const to = starts[i]?.callIndex ?? this.calls.length;
      if (to === from) {
        if (start) this.diags.add(start.line, 'info', 'this human request got no model call; not counted as a task');
        continue;
      }
      const old = this.built[built.length];
      if (old && old.from === from && old.to === to && old.start === start) {
        built.push(old);
        tasks.push(old.task);
        continue;
      }
      // new Call objects: the rules after reading (read-trace.ts) change a handed-out call in place
      const calls = this.calls.slice(from, to).map((c) => ({ ...c }));
      const task = { id: `turn-${i}`, title: start?.title ?? null, calls, line: start?.line ?? calls[0]!.line };
      built.push({ from, to, start, task });
      tasks.push(task);
    }
    this.built = built;
    if (this.duplicateEvents > 0) {
      this.diags.add(null, 'info', `${this.duplicateEvents} repeated token_count events (same running total) counted once`);
    }
    if (this.reEmitted > 0) {
      this.diags.add(null, 'info', `${this.reEmitted} token_count events repeat an earlier running total (re-emitted when the session was resumed): counted once`);
    }
    for (const d of this.fork.diagnostics()) this.diags.add(d.line, d.severity, d.message);
    if (this.legacyLines > 0 && this.calls.length === 0) {
      this.diags.add(null, 'warning', 'older Codex rollout format (before token_count events): no usage recorded, no calls read');
    } else if (this.calls.length === 0) {
      this.diags.add(null, 'warning', 'no model calls (token_count events) found in this file');
    }
    return tasks;
  }
}
