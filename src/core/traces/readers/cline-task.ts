/**
 * Turns the rows of one Cline / Roo / Kilo ui_messages.json (one task folder = one session) into
 * tasks and calls. See cline.ts for the rules.
 */
import type { Call, Diagnostic, Task } from '../model';
import type { ApiReqInfo, ClineFamily } from './cline-schema';
import { apiReqInfoSchema, clineUsage, contextCondenseSchema, hasUsage, isEmptyFailure, modelInfoSchema, uiRowSchema } from './cline-schema';
import type { HistoryMessage } from './cline-history';
import { promptFor } from './cline-history';
import { firstIssue, titleFrom } from './json-document';
import { parseJson } from '../io';

interface RawCall {
  line: number | null;
  ts: number;
  info: ApiReqInfo | null;
  model: string | null;
  provider: string | null;
  historyIndex: number | null;
  lineage: string;
}

interface TaskStart {
  callIndex: number;
  line: number | null;
  title: string | null;
}

/** Usage rows the UI sums that are not one call each: their totals are reported, not dropped silently. */
interface Aggregate {
  rows: number;
  tokensIn: number;
  tokensOut: number;
  cost: number;
}

const HUMAN_SAYS = new Set(['task', 'user_feedback']);

export class ClineTaskBuilder {
  private readonly raw: RawCall[] = [];
  private readonly starts: TaskStart[] = [];
  private readonly aggregates = new Map<string, Aggregate>();
  private epoch = 1;
  private condenseCalls = 0;
  private condenseCost = 0;

  constructor(
    private readonly family: ClineFamily,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private warn(line: number | null, message: string): void {
    this.diagnostics.push({ line, severity: 'warning', message });
  }

  add(raw: unknown, index: number, line: number | null): void {
    const parsed = uiRowSchema.safeParse(raw);
    if (!parsed.success) return this.warn(line, `row ${index}: ${firstIssue(parsed.error)}; row skipped`);
    const row = parsed.data;
    if (row.type !== 'say') return;
    const say = row.say ?? '';
    const text = row.text ?? '';
    if (HUMAN_SAYS.has(say) || (say === 'text' && this.raw.length === 0 && this.starts.length === 0)) {
      this.starts.push({ callIndex: this.raw.length, line, title: titleFrom(text) ?? (say === 'task' ? null : '[image]') });
      return;
    }
    if (say === 'api_req_started') return this.onRequest(row.ts, text, row.modelInfo, row.conversationHistoryIndex ?? null, line);
    if (say === 'api_req_finished') return this.onFinished(text, line);
    if (say === 'deleted_api_reqs' || say === 'subagent_usage') return this.onAggregate(say, text, line);
    if (say === 'condense_context') return this.onCondense(row.contextCondense);
  }

  private info(text: string, line: number | null, what: string): ApiReqInfo | null {
    const json = parseJson(text);
    if (!json.ok) {
      this.warn(line, `${what}: text is not JSON (${json.error}); usage unknown`);
      return null;
    }
    const info = apiReqInfoSchema.safeParse(json.value);
    if (info.success) return info.data;
    this.warn(line, `${what}: ${firstIssue(info.error)}; usage unknown`);
    return null;
  }

  private onRequest(ts: number, text: string, modelInfo: unknown, historyIndex: number | null, line: number | null): void {
    const mi = modelInfoSchema.safeParse(modelInfo);
    this.raw.push({
      line,
      ts,
      info: this.info(text, line, 'api_req_started'),
      model: mi.success ? (mi.data.modelId ?? null) : null,
      provider: mi.success ? (mi.data.providerId ?? null) : null,
      historyIndex,
      lineage: this.epoch === 1 ? 'main' : `main-${this.epoch}`,
    });
  }

  /** Old builds wrote the usage in a separate row after the request (Cline's combineApiRequests merges them). */
  private onFinished(text: string, line: number | null): void {
    const last = this.raw.at(-1);
    const info = this.info(text, line, 'api_req_finished');
    if (!last || !info) return;
    last.info = { ...(last.info ?? {}), ...info };
  }

  private onAggregate(say: string, text: string, line: number | null): void {
    const info = this.info(text, line, say);
    if (!info) return;
    const a = this.aggregates.get(say) ?? { rows: 0, tokensIn: 0, tokensOut: 0, cost: 0 };
    a.rows++;
    a.tokensIn += info.tokensIn ?? 0;
    a.tokensOut += info.tokensOut ?? 0;
    a.cost += info.cost ?? 0;
    this.aggregates.set(say, a);
  }

  /**
   * Roo's context condensing: one summarizing call with a recorded cost and no token counts. It is
   * reported, not counted as a call; the calls after it see a new context (lineage main-2…).
   */
  private onCondense(raw: unknown): void {
    const c = contextCondenseSchema.safeParse(raw);
    if (!c.success) return; // the in-progress row (partial) has no data yet
    this.condenseCalls++;
    this.condenseCost += c.data.cost ?? 0;
    this.epoch++;
  }

  finish(history: readonly HistoryMessage[] | null): Task[] {
    const calls: (Call | null)[] = [];
    let failures = 0;
    let unrecorded = 0;
    let inclusive = 0;
    const ids = new Set<string>();
    this.raw.forEach((r, i) => {
      // only requests with recorded usage are calls: see the header of cline.ts
      if (!r.info || !hasUsage(r.info) || isEmptyFailure(r.info)) {
        if (r.info && isEmptyFailure(r.info)) failures++;
        else unrecorded++;
        calls.push(null);
        return;
      }
      const rule = clineUsage(r.info, this.family, r.provider, r.ts);
      if (rule.inclusive) inclusive++;
      const slice = history ? promptFor(history, r.historyIndex, r.ts, this.raw[i + 1]?.ts ?? null) : null;
      let id = `ts-${r.ts}`;
      if (ids.has(id)) id = `${id}-${i}`;
      ids.add(id);
      const date = new Date(r.ts);
      calls.push({
        id,
        lineage: r.lineage,
        model: r.model ?? slice?.modelTag ?? null,
        provider: r.provider,
        prompt: slice ? slice.prompt : null,
        promptComplete: false, // the system prompt and tool definitions are not saved
        completion: slice?.completion ?? null,
        usage: rule.usage,
        isSubagent: false,
        line: r.line,
        timestamp: Number.isNaN(date.getTime()) ? null : date.toISOString(),
      });
    });
    this.report(failures, unrecorded, inclusive);
    return this.tasks(calls);
  }

  private report(failures: number, unrecorded: number, inclusive: number): void {
    const info = (message: string) => this.diagnostics.push({ line: null, severity: 'info', message });
    if (failures > 0) info(`${failures} requests failed before the model answered (cancel reason, no tokens, no cost): not counted as calls`);
    if (unrecorded > 0) {
      this.warn(null, `${unrecorded} requests recorded no usage (interrupted, or still running): not counted as calls, so any tokens they used are missing from the totals`);
    }
    if (inclusive > 0) info(`${inclusive} requests read with tokensIn including the cached tokens (OpenAI-style provider or Roo Code ≥ 3.29.5)`);
    if (this.condenseCalls > 0) {
      this.warn(null, `${this.condenseCalls} context condensations: summarizing calls that record a cost ($${this.condenseCost.toFixed(4)}) but no tokens, not counted as calls; each starts a new context`);
    }
    for (const [say, a] of this.aggregates) {
      if (a.tokensIn + a.tokensOut + a.cost === 0) continue;
      const what = say === 'deleted_api_reqs' ? 'requests the user deleted' : 'subagent requests';
      this.warn(null, `${a.rows} ${say} rows sum ${what} (in ${a.tokensIn}, out ${a.tokensOut}, $${a.cost.toFixed(4)}) that are not listed one by one: not counted as calls`);
    }
    if (this.raw.length === 0) this.warn(null, 'no api_req_started rows: this task made no model call');
  }

  private tasks(calls: (Call | null)[]): Task[] {
    const drafts = [{ id: 'turn-0', title: null as string | null, line: null as number | null, from: 0, human: false }];
    this.starts.forEach((s, i) => drafts.push({ id: `turn-${i + 1}`, title: s.title, line: s.line, from: s.callIndex, human: true }));
    const out: Task[] = [];
    drafts.forEach((d, i) => {
      const own = calls.slice(d.from, drafts[i + 1]?.from ?? calls.length).filter((c): c is Call => c !== null);
      if (own.length === 0) {
        if (d.human) this.diagnostics.push({ line: d.line, severity: 'info', message: 'this human message got no model call that did work; not counted as a task' });
        return;
      }
      out.push({ id: d.id, title: d.title, calls: own, line: d.line ?? own[0]!.line });
    });
    return out;
  }
}
