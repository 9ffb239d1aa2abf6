/**
 * SWE-agent `.traj` (FORMATS.md §2): `{environment, trajectory[], history[], info{model_stats}, replay_config?}`.
 * One file = one task. Calls = the history's assistant messages that are not demonstrations (one per
 * trajectory step). There is no per-call usage, only instance totals: call usage stays unknown for the
 * tokenizer to count from the prompts, and the task carries the totals its counts are scaled to.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import type { Call, Diagnostic, Message } from '../model';
import { emptyUsage, MessageInterner, tokenCount } from '../model';
import type { Probe } from '../io';
import { parseJson } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { chatMessageText, isRecord } from './openai-shapes';
import { firstIssue, loadJsonDocument, typeName, neverThrows } from './json-document';

export function detectSweAgent(probe: Probe): number {
  if (probe.binary) return 0;
  const head = probe.head.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{') || /"trajectory_format"\s*:|"mini_version"\s*:/.test(head)) return 0;
  if (!/"trajectory"\s*:\s*\[/.test(head)) return 0;
  const stepKeys = ['action', 'observation', 'thought', 'response'].filter((k) => new RegExp(`"${k}"\\s*:`).test(head)).length;
  if (stepKeys >= 3) return 0.9;
  if (/"history"\s*:\s*\[/.test(head) && /"environment"\s*:/.test(head)) return 0.7;
  return 0;
}

const DocSchema = z.looseObject({
  trajectory: z.array(z.unknown()),
  history: z.array(z.unknown()).optional(),
  info: z.unknown().optional(),
  replay_config: z.unknown().optional(),
});
const HistorySchema = z.looseObject({ role: z.string(), is_demo: z.unknown().optional() });
const StepSchema = z.looseObject({ response: z.unknown().optional(), query: z.unknown().optional() });

function rec(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) cur = isRecord(cur) ? cur[k] : undefined;
  return cur;
}

/** replay_config.agent.model.name; v1.0 stored replay_config as a JSON string. */
function replayModel(replay: unknown): string | null {
  let cfg = replay;
  if (typeof cfg === 'string') {
    const p = parseJson(cfg);
    cfg = p.ok ? p.value : null;
  }
  const name = rec(cfg, 'agent', 'model', 'name');
  return typeof name === 'string' && name !== '' ? name : null;
}

/** tokens_sent / tokens_received, the totals per-call estimates are scaled to; none for a replay (all zero). */
function recordedTotals(info: unknown): { input: number | null; output: number | null } | undefined {
  const stats = rec(info, 'model_stats');
  if (!isRecord(stats)) return undefined;
  const input = tokenCount(stats.tokens_sent);
  const output = tokenCount(stats.tokens_received);
  if (!input && !output) return undefined;
  return { input, output };
}

function statsNote(info: unknown, calls: number): Diagnostic | null {
  const stats = rec(info, 'model_stats');
  if (!isRecord(stats)) return null;
  const n = (k: string) => (typeof stats[k] === 'number' ? (stats[k] as number) : null);
  const sent = n('tokens_sent');
  const received = n('tokens_received');
  const apiCalls = n('api_calls');
  const cost = n('instance_cost');
  let message =
    `SWE-agent records no per-call usage; instance totals: ${sent ?? '?'} tokens sent, ${received ?? '?'} received, ` +
    `${apiCalls ?? '?'} API calls${cost !== null ? `, cost $${cost}` : ''}`;
  if (apiCalls !== null && apiCalls !== calls) message += ` (${calls} calls found in the trajectory; retries and format-error requeries are not logged)`;
  if (sent === 0 && received === 0) message += '; all-zero totals: a replay or demonstration, not a billed run';
  if (sent || received) message += '; our tokenizer\'s per-call counts are scaled to these totals (tokenSource "scaled")';
  return { line: null, severity: 'info', message };
}

/** A message list (step.query or history) as interned prompt messages. */
function toPrompt(list: unknown[], interner: MessageInterner): Message[] {
  const out: Message[] = [];
  for (const m of list) {
    const t = chatMessageText(m);
    if (t) out.push(interner.intern(t.role, t.text));
  }
  return out;
}

export async function readSweAgent(path: string, limits: ReadLimits): Promise<ReadResult> {
  const doc = await loadJsonDocument(path, limits);
  if (!doc.ok) return { tasks: [], diagnostics: doc.diagnostics };
  const diagnostics = doc.diagnostics;
  const parsed = DocSchema.safeParse(doc.value);
  if (!parsed.success) {
    const found = isRecord(doc.value) ? firstIssue(parsed.error) : `the document is ${typeName(doc.value)}`;
    diagnostics.push({ line: null, severity: 'error', message: `not a SWE-agent trajectory: ${found}` });
    return { tasks: [], diagnostics };
  }
  const { trajectory, history = [], info, replay_config } = parsed.data;
  const taskId = basename(path).replace(/\.traj(\.json)?$/i, '');
  const model = replayModel(replay_config);
  const interner = new MessageInterner();
  // Function-calling configs send tool schemas apart from the messages; they are not in the file.
  const usesTools = history.some((h) => isRecord(h) && (Array.isArray(h.tool_calls) || h.role === 'tool'));
  const steps = trajectory.map((s) => StepSchema.safeParse(s));
  const calls: Call[] = [];
  const view: Message[] = [];
  const newCall = (prompt: Message[] | null, completion: string | null): Call => ({
    id: `${taskId}/${calls.length}`,
    lineage: taskId,
    model,
    provider: null,
    prompt,
    promptComplete: prompt !== null && prompt[0]?.role === 'system' && !usesTools,
    completion,
    usage: emptyUsage(),
    isSubagent: false,
    line: null,
    timestamp: null,
  });
  history.forEach((raw, j) => {
    const h = HistorySchema.safeParse(raw);
    const m = h.success ? chatMessageText(h.data) : null;
    if (!h.success || m === null) {
      const why = h.success ? `unknown role ${JSON.stringify(h.data.role)}` : firstIssue(h.error);
      diagnostics.push({ line: null, severity: 'warning', message: `history[${j}]: ${why}; message skipped` });
      return;
    }
    if (m.role === 'assistant' && h.data.is_demo !== true) {
      // v1.1+ records the exact messages sent at each step (`query`): better than the history.
      const step = steps[calls.length];
      const query = step?.success && Array.isArray(step.data.query) ? toPrompt(step.data.query, interner) : null;
      calls.push(newCall(query ?? view.slice(), m.text));
    }
    view.push(interner.intern(m.role, m.text));
  });
  if (calls.length === 0 && trajectory.length > 0) {
    // No usable history: one call per step, completion from the step's response.
    steps.forEach((s) => calls.push(newCall(null, s.success && typeof s.data.response === 'string' ? s.data.response : null)));
    diagnostics.push({ line: null, severity: 'warning', message: 'no assistant messages in `history`: one call per trajectory step, prompts unknown' });
  } else if (calls.length !== trajectory.length) {
    diagnostics.push({
      line: null,
      severity: 'warning',
      message: `${calls.length} assistant messages in \`history\` but ${trajectory.length} trajectory steps`,
    });
  }
  const note = statsNote(info, calls.length);
  if (note) diagnostics.push(note);
  if (calls.length === 0) {
    diagnostics.push({ line: null, severity: 'info', message: `trajectory ${taskId} has no steps: no task` });
    return { tasks: [], diagnostics };
  }
  const totals = recordedTotals(info);
  const stats = rec(info, 'model_stats');
  const cost = isRecord(stats) && typeof stats.instance_cost === 'number' && stats.instance_cost >= 0 && totals ? stats.instance_cost : null;
  return { tasks: [{ id: taskId, title: taskId, calls, line: null, ...(totals ? { recordedTotals: totals } : {}), ...(cost !== null ? { recordedCost: cost } : {}) }], diagnostics };
}

export const readers: TraceReader[] = [
  {
    format: 'swe-agent',
    label: 'SWE-agent trajectory (.traj)',
    detect: detectSweAgent,
    read: neverThrows('SWE-agent', readSweAgent),
  },
];
