/** The calls and tasks one plain API log builds up, line by line, and the diagnostics it leaves (api-logs.ts). */
import { MessageInterner, type Task, type Usage } from '../model';
import type { DiagnosticList } from './jsonl-lines';
import { shortTitle } from './jsonl-lines';
import { openAiUsage } from './openai-shapes';
import { anthropicUsage, renderAnthropic } from './api-logs-anthropic';
import { Conversations } from './api-logs-conversations';
import { renderOpenAi } from './api-logs-openai';
import { classifyLine, type Rec } from './api-logs-record';

function isoFromSeconds(v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return null;
  const d = new Date(v * 1000);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Everything one file's lines build up: tasks, conversations, and the counts behind diagnostics. */
export class ApiLog {
  readonly tasks: Task[] = [];
  private readonly interner = new MessageInterner();
  private readonly conversations = new Conversations();
  /** Why lines were skipped → how many, and the first few line numbers. */
  private readonly skipped = new Map<string, { count: number; lines: number[] }>();
  private readonly failed: number[] = [];
  private failedCount = 0;
  private noUsage = 0;
  private excludedCached = 0;

  add(value: Rec, lineNo: number): void {
    const p = classifyLine(value);
    if (typeof p === 'string') {
      const s = this.skipped.get(p) ?? { count: 0, lines: [] };
      s.count++;
      if (s.lines.length < 5) s.lines.push(lineNo);
      this.skipped.set(p, s);
      return;
    }
    if (p.failure) {
      if (this.failedCount++ < 5) this.failed.push(lineNo);
      return;
    }
    const r = p.provider === 'anthropic' ? renderAnthropic(p, this.interner) : renderOpenAi(p, this.interner);
    let usage: Usage | null = null;
    let provider: string = p.provider;
    if (p.provider === 'anthropic') usage = anthropicUsage(p.response?.usage);
    else {
      const n = openAiUsage(p.response?.usage);
      if (n) {
        usage = n.usage;
        if (n.cachedExcluded) this.excludedCached++;
        provider = n.provider ?? provider;
      }
    }
    if (!usage) this.noUsage++;
    let task = r.prompt && r.prompt.length > 0 ? this.conversations.find(r.prompt) : null;
    if (!task) {
      const firstUser = r.prompt?.find((m) => m.role === 'user');
      task = { id: `line-${lineNo}`, title: shortTitle(firstUser?.text ?? '') ?? p.id, calls: [], line: lineNo };
      this.tasks.push(task);
    }
    const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    task.calls.push({
      id: str(p.response?.id) ?? p.id ?? `line-${lineNo}`,
      lineage: task.id,
      model: str(p.response?.model) ?? str(p.request?.model),
      provider,
      prompt: r.prompt,
      promptComplete: r.prompt != null && r.complete,
      completion: r.reply?.text ?? null,
      usage: usage ?? { inTotal: null, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: 'tokenizer' },
      isSubagent: false,
      line: lineNo,
      timestamp: isoFromSeconds(p.response?.created),
    });
    if (r.prompt && r.prompt.length > 0) this.conversations.remember(r.prompt, r.reply, task);
  }

  report(diags: DiagnosticList): void {
    for (const [why, { count, lines }] of this.skipped) {
      diags.add(lines[0] ?? null, 'warning', `${count} line(s) skipped: ${why} (lines ${lines.join(', ')}${count > lines.length ? '…' : ''})`);
    }
    if (this.failedCount > 0) {
      const more = this.failedCount > this.failed.length ? '…' : '';
      diags.add(this.failed[0] ?? null, 'info', `${this.failedCount} failed request(s) (error status or error body; lines ${this.failed.join(', ')}${more}): not counted as calls`);
    }
    if (this.noUsage > 0) diags.add(null, 'info', `${this.noUsage} response(s) without usage: tokens to be counted by the tokenizer`);
    if (this.excludedCached > 0) {
      diags.add(null, 'warning', `${this.excludedCached} OpenAI-shaped usage record(s) count fewer prompt tokens than cached ones (Anthropic meaning through a proxy): in_total rebuilt as prompt + cached`);
    }
  }
}
