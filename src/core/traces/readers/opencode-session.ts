/**
 * Turns the messages of one OpenCode session (from an export or the legacy file store) into tasks
 * and calls. See opencode.ts for the rules.
 */
import type { Call, Diagnostic, Task } from '../model';
import type { MessageInfo, OpenCodeTokens } from './opencode-schema';
import { isZero, messageInfoSchema, openCodeUsage, partSchema, tokensSchema, totalMismatch } from './opencode-schema';
import { firstIssue, titleFrom } from './json-document';

export interface SessionMessage {
  info: unknown;
  /** null when the parts were not read (the legacy file store keeps them elsewhere). */
  parts: unknown[] | null;
  line: number | null;
  /** For diagnostics: "messages[3]" or a file name. */
  where: string;
}

interface Start {
  callIndex: number;
  line: number | null;
  title: string | null;
}

export class OpenCodeSession {
  private readonly calls: Call[] = [];
  private readonly starts: Start[] = [];
  private epoch = 1;
  private unrecorded: string[] = [];
  private mismatches = 0;

  /** `prefix` keeps apart the lineages and task ids of the sessions of one database file. */
  constructor(
    private readonly diagnostics: Diagnostic[],
    private readonly prefix = '',
    private readonly subagent = false,
  ) {}

  private lineage(): string {
    return this.prefix + (this.epoch === 1 ? 'main' : `main-${this.epoch}`);
  }

  add(m: SessionMessage, title: string | null = null): void {
    const parsed = messageInfoSchema.safeParse(m.info);
    if (!parsed.success) {
      this.diagnostics.push({ line: m.line, severity: 'warning', message: `${m.where}: ${firstIssue(parsed.error)}; message skipped` });
      return;
    }
    const info = parsed.data;
    const parts = (m.parts ?? []).map((p) => partSchema.safeParse(p)).flatMap((p) => (p.success ? [p.data] : []));
    if (info.role === 'user') {
      const texts = parts.filter((p) => p.type === 'text' && !p.synthetic && p.text);
      // a user message made only of synthetic or compaction parts was not typed by anyone
      if (m.parts !== null && texts.length === 0) return;
      this.starts.push({ callIndex: this.calls.length, line: m.line, title: titleFrom(texts.map((p) => p.text).join(' ')) ?? title });
      return;
    }
    if (info.role !== 'assistant') return;
    // a summary (compaction) message is a call of its own; the calls after it see a new context
    const compaction = info.summary === true;
    if (compaction) this.epoch++;
    const steps = parts.filter((p) => p.type === 'step-finish').map((p) => tokensSchema.safeParse(p.tokens));
    const own = tokensSchema.safeParse(info.tokens ?? {});
    // Older builds put several steps (LLM calls) in one message: each step-finish is one call.
    const usages: OpenCodeTokens[] =
      steps.length > 1 && steps.every((s) => s.success) ? steps.map((s) => s.data!) : own.success ? [own.data] : [];
    if (!own.success && usages.length === 0) {
      this.diagnostics.push({ line: m.line, severity: 'warning', message: `${m.where}: tokens: ${firstIssue(own.error)}; message skipped` });
      return;
    }
    usages.forEach((t, i) => {
      if (isZero(t)) {
        this.unrecorded.push(info.error?.name ?? (info.time?.completed == null ? 'unfinished' : 'no usage'));
        return;
      }
      if (totalMismatch(t)) this.mismatches++;
      this.calls.push(this.call(info, t, m.line, usages.length > 1 ? `${info.id ?? m.where}/step-${i + 1}` : (info.id ?? m.where), compaction));
    });
  }

  private call(info: MessageInfo, t: OpenCodeTokens, line: number | null, id: string, compaction: boolean): Call {
    const created = info.time?.created;
    const date = typeof created === 'number' ? new Date(created) : null;
    return {
      id,
      lineage: compaction ? `${this.prefix}compaction-${this.epoch - 1}` : this.lineage(),
      model: info.modelID ?? null,
      provider: info.providerID ?? null,
      prompt: null,
      promptComplete: false,
      completion: null,
      usage: openCodeUsage(t),
      isSubagent: this.subagent,
      line,
      timestamp: date && !Number.isNaN(date.getTime()) ? date.toISOString() : null,
    };
  }

  finish(reportEmpty = true): Task[] {
    if (this.unrecorded.length > 0) {
      const why = [...new Set(this.unrecorded)].join(', ');
      this.diagnostics.push({
        line: null,
        severity: 'warning',
        message: `${this.unrecorded.length} assistant messages recorded no tokens (${why}): not counted as calls, so any tokens they used before stopping are missing from the totals`,
      });
    }
    if (this.mismatches > 0) this.diagnostics.push({ line: null, severity: 'info', message: `${this.mismatches} messages whose tokens.total is not the sum of their parts: the parts were used` });
    const drafts = [{ id: `${this.prefix}turn-0`, title: null as string | null, line: null as number | null, from: 0, human: false }];
    this.starts.forEach((s, i) => drafts.push({ id: `${this.prefix}turn-${i + 1}`, title: s.title, line: s.line, from: s.callIndex, human: true }));
    const tasks: Task[] = [];
    drafts.forEach((d, i) => {
      const calls = this.calls.slice(d.from, drafts[i + 1]?.from ?? this.calls.length);
      if (calls.length === 0) {
        if (d.human) this.diagnostics.push({ line: d.line, severity: 'info', message: 'this user message got no call with recorded tokens; not counted as a task' });
        return;
      }
      tasks.push({ id: d.id, title: d.title, calls, line: d.line ?? calls[0]!.line });
    });
    if (this.calls.length === 0 && reportEmpty) this.diagnostics.push({ line: null, severity: 'warning', message: 'no assistant message with recorded tokens: no calls' });
    return tasks;
  }
}
