/**
 * OpenHands event list → model calls (FORMATS.md §4). A call is one model response: unique
 * `tool_call_metadata.model_response.id` (one response can yield several actions), cross-checked with
 * `metrics.response_latencies`, which also lists the calls no event recorded (e.g. a tool call that failed
 * validation). Older outputs have neither: each agent action is then one call. A condensation starts a new lineage.
 */
import { z } from 'zod';
import type { Call, Diagnostic, Message, Usage } from '../model';
import { emptyUsage, MessageInterner } from '../model';
import { completionText, isRecord, openAiUsage } from './openai-shapes';
import { actionText, modelResponse, NON_LLM_ACTIONS, renderEvent, str, type Rec } from './openhands-render';
import { firstIssue } from './json-document';

const EventSchema = z.looseObject({
  id: z.union([z.number(), z.string()]).nullish(),
  source: z.string().nullish(),
  action: z.string().nullish(),
  observation: z.string().nullish(),
});

export interface EventsInput {
  events: unknown[];
  /** The instance's `metrics` (output.jsonl), if any. */
  metrics: unknown;
  defaultModel: string | null;
  /** Lineage ids are `${lineagePrefix}`, then `${lineagePrefix}/condensed-N` after the N-th condensation. */
  lineagePrefix: string;
  interner: MessageInterner;
  /** Prefix of diagnostic messages, e.g. "instance ponylang__ponyc-4595". */
  where: string;
  line: number | null;
  diagnostics: Diagnostic[];
}

export interface EventsResult {
  calls: Call[];
  /** Index in `events` before which each call happened (same order as `calls`). */
  anchors: number[];
  /** Human messages (source user, action message): index in `events` and text. */
  userMessages: { index: number; text: string }[];
}

interface Candidate {
  anchor: number;
  responseId: string | null;
  response: Rec | null;
  event: Rec | null;
  latencyModel: string | null;
}

interface Metrics {
  latencies: { id: string | null; model: string | null }[];
  tokenUsages: Map<string, Rec>;
  costs: number | null;
  condenserCalls: number;
}

function readMetrics(m: unknown): Metrics {
  const rec = isRecord(m) ? m : {};
  const latencies = (Array.isArray(rec.response_latencies) ? rec.response_latencies : []).map((l) => ({
    id: isRecord(l) ? str(l.response_id) : null,
    model: isRecord(l) ? str(l.model) : null,
  }));
  const tokenUsages = new Map<string, Rec>();
  for (const t of Array.isArray(rec.token_usages) ? rec.token_usages : []) {
    const id = isRecord(t) ? str(t.response_id) : null;
    if (id !== null && isRecord(t) && !tokenUsages.has(id)) tokenUsages.set(id, t);
  }
  return {
    latencies,
    tokenUsages,
    costs: Array.isArray(rec.costs) ? rec.costs.length : null,
    condenserCalls: Array.isArray(rec.condenser) ? rec.condenser.length : 0,
  };
}

/** OpenHands TokenUsage {prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens} → Usage. */
function tokenUsage(t: Rec | undefined): Usage | null {
  if (!t) return null;
  const asOpenAi = {
    prompt_tokens: t.prompt_tokens,
    completion_tokens: t.completion_tokens,
    prompt_tokens_details: { cached_tokens: t.cache_read_tokens },
    cache_creation_input_tokens: t.cache_write_tokens,
  };
  return openAiUsage(asOpenAi)?.usage ?? null;
}

function parseEvents(input: EventsInput): (Rec | null)[] {
  return input.events.map((raw, i) => {
    const p = EventSchema.safeParse(raw);
    if (p.success) return p.data;
    input.diagnostics.push({ line: input.line, severity: 'warning', message: `${input.where}: history[${i}]: ${firstIssue(p.error)}; event skipped` });
    return null;
  });
}

/** Older outputs have no `source`: their first message action is the human's, every later action the agent's. */
function sourcesOf(events: (Rec | null)[]): string[] {
  let agentActed = false;
  return events.map((e) => {
    if (!e) return 'none';
    if (typeof e.source === 'string') return e.source;
    if (typeof e.action !== 'string') return 'environment';
    if (e.action === 'message' && !agentActed) return 'user';
    agentActed = true;
    return 'agent';
  });
}

function candidates(events: (Rec | null)[], sources: string[], metrics: Metrics): { list: Candidate[]; unmatchedLatencies: number } {
  const byResponse = new Map<string, Candidate>();
  const anonymous: Candidate[] = []; // agent actions no recorded response explains
  events.forEach((e, i) => {
    if (!e) return;
    const response = modelResponse(e);
    const id = response ? str(response.id) : null;
    if (response && id !== null) {
      if (!byResponse.has(id)) byResponse.set(id, { anchor: i, responseId: id, response, event: e, latencyModel: null });
    } else if (typeof e.action === 'string' && sources[i] === 'agent' && !NON_LLM_ACTIONS.has(e.action)) {
      anonymous.push({ anchor: i, responseId: null, response: null, event: e, latencyModel: null });
    }
  });
  if (metrics.latencies.length === 0) {
    return { list: [...byResponse.values(), ...anonymous].sort((a, b) => a.anchor - b.anchor), unmatchedLatencies: 0 };
  }
  // The latency list is the call order; place calls no event recorded between their neighbours. Agent actions
  // that no latency entry accounts for were not produced by a model call (e.g. a forced finish): not calls.
  const list: Candidate[] = [];
  const used = new Set<string>();
  const usedAnonymous = new Set<Candidate>();
  let cursor = -1;
  let unmatchedLatencies = 0;
  metrics.latencies.forEach((lat, k) => {
    const known = lat.id !== null ? byResponse.get(lat.id) : undefined;
    if (known && !used.has(lat.id ?? '')) {
      used.add(lat.id ?? '');
      known.latencyModel = lat.model;
      list.push(known);
      cursor = Math.max(cursor, known.anchor);
      return;
    }
    const next = metrics.latencies.slice(k + 1).find((l) => l.id !== null && byResponse.has(l.id));
    const limit = next?.id ? (byResponse.get(next.id)?.anchor ?? Infinity) : Infinity;
    const anon = anonymous.find((a) => a.anchor > cursor && a.anchor < limit && !usedAnonymous.has(a));
    if (anon) {
      usedAnonymous.add(anon);
      list.push({ ...anon, responseId: lat.id, latencyModel: lat.model });
      cursor = anon.anchor;
      return;
    }
    unmatchedLatencies++;
    list.push({ anchor: cursor + 0.5, responseId: lat.id, response: null, event: null, latencyModel: lat.model });
  });
  for (const c of byResponse.values()) if (!used.has(c.responseId ?? '')) list.push(c);
  return { list: list.sort((a, b) => a.anchor - b.anchor), unmatchedLatencies };
}

/** Prompt entries carry their event id so a condensation can forget them. */
interface Entry {
  eventId: unknown;
  message: Message;
}

function condense(view: Entry[], e: Rec, interner: MessageInterner): Entry[] {
  const a = isRecord(e.args) ? e.args : e;
  const ids = new Set(Array.isArray(a.forgotten_event_ids) ? a.forgotten_event_ids : []);
  const start = typeof a.forgotten_events_start_id === 'number' ? a.forgotten_events_start_id : null;
  const end = typeof a.forgotten_events_end_id === 'number' ? a.forgotten_events_end_id : null;
  const forgotten = (id: unknown) =>
    ids.has(id) || (start !== null && end !== null && typeof id === 'number' && id >= start && id <= end);
  const kept = view.filter((x) => !forgotten(x.eventId));
  const summary = str(a.summary);
  if (summary !== null) {
    const offset = typeof a.summary_offset === 'number' ? Math.max(0, Math.min(kept.length, a.summary_offset)) : kept.length;
    kept.splice(offset, 0, { eventId: e.id, message: interner.intern('user', summary) });
  }
  return kept;
}

export function callsFromEvents(input: EventsInput): EventsResult {
  const events = parseEvents(input);
  const sources = sourcesOf(events);
  const metrics = readMetrics(input.metrics);
  const { list, unmatchedLatencies } = candidates(events, sources, metrics);
  const calls: Call[] = [];
  const anchors: number[] = [];
  const userMessages: { index: number; text: string }[] = [];
  const seenIds = new Set<string>();
  const rendered = new Set<string>();
  let view: Entry[] = [];
  let condensations = 0;
  let next = 0;
  const emitUntil = (limit: number) => {
    for (; next < list.length && (list[next]?.anchor ?? Infinity) <= limit; next++) {
      const c = list[next]!;
      let id = c.responseId ?? `${input.lineagePrefix}/e${String(c.event?.id ?? c.anchor)}`;
      if (seenIds.has(id)) id = `${id}/${calls.length}`;
      seenIds.add(id);
      const recorded = openAiUsage(c.response?.usage);
      const tu = c.responseId !== null ? metrics.tokenUsages.get(c.responseId) : undefined;
      calls.push({
        id,
        lineage: condensations === 0 ? input.lineagePrefix : `${input.lineagePrefix}/condensed-${condensations}`,
        model: str(c.response?.model) ?? str(tu?.model) ?? c.latencyModel ?? input.defaultModel,
        provider: recorded?.provider ?? null,
        prompt: c.event ? view.map((x) => x.message) : null,
        promptComplete: false,
        completion: completionText(c.response) ?? (c.event ? actionText(c.event) : null),
        usage: recorded?.usage ?? tokenUsage(tu) ?? emptyUsage(),
        isSubagent: false,
        line: input.line,
        timestamp: str(c.event?.timestamp),
      });
      anchors.push(c.anchor);
    }
  };
  events.forEach((e, i) => {
    emitUntil(i);
    if (!e) return;
    if (e.action === 'condensation') {
      condensations++;
      view = condense(view, e, input.interner);
      return;
    }
    const r = renderEvent(e, sources[i] ?? 'none', rendered);
    if (r === null) return;
    if (r.role === 'user' && e.action === 'message') userMessages.push({ index: i, text: r.text });
    view.push({ eventId: e.id, message: input.interner.intern(r.role, r.text) });
  });
  emitUntil(Infinity);
  servedModels(calls, list);
  notes(input, metrics, calls, unmatchedLatencies);
  return { calls, anchors, userMessages };
}

/**
 * A call known only from the latency list carries the configured route name (e.g. "openai/openrouter-…"):
 * give it the model its sibling calls of the same route were served by.
 */
function servedModels(calls: Call[], list: Candidate[]): void {
  const served = new Map<string, string>();
  calls.forEach((c, i) => {
    const route = list[i]?.latencyModel;
    if (route && list[i]?.response && c.model !== null) served.set(route, c.model);
  });
  calls.forEach((c, i) => {
    const cand = list[i];
    if (cand && !cand.response && cand.latencyModel && c.model === cand.latencyModel) c.model = served.get(cand.latencyModel) ?? c.model;
  });
}

function notes(input: EventsInput, metrics: Metrics, calls: Call[], unmatchedLatencies: number): void {
  const push = (severity: Diagnostic['severity'], message: string) =>
    input.diagnostics.push({ line: input.line, severity, message: `${input.where}: ${message}` });
  if (unmatchedLatencies > 0) {
    push(
      'warning',
      `${unmatchedLatencies} call${unmatchedLatencies === 1 ? ' is' : 's are'} listed only in metrics.response_latencies (no response or usage recorded, ` +
        'e.g. a tool call that failed validation): counted in k, tokens unknown',
    );
  }
  const withUsage = calls.filter((c) => c.usage.inTotal !== null || c.usage.output !== null).length;
  if (calls.length > 0 && withUsage === 0 && metrics.latencies.length === 0) {
    const costs = metrics.costs;
    const check = costs === null ? '' : costs === calls.length ? `, matching the ${costs} recorded costs` : '';
    push('info', `no per-call usage recorded (older output): ${calls.length} calls = agent actions${check}`);
    if (costs !== null && costs !== calls.length) {
      push('warning', `${calls.length} agent actions but ${costs} entries in metrics.costs`);
    }
  }
  if (metrics.condenserCalls > 0) {
    push('info', `${metrics.condenserCalls} condenser calls (metrics.condenser) summarize the context: not counted in k`);
  }
}
