/**
 * mini-swe-agent trajectories (FORMATS.md §3): `{trajectory_format: "mini-swe-agent-1"|"…-1.1", info, messages,
 * instance_id}`, or a bare list of messages (very old versions). One file = one task; calls = assistant
 * messages, each with the litellm response (and its usage) in `extra.response`. The agent resends the whole
 * list, so call i's prompt is every message before it: recorded in full.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import type { Call, Diagnostic, Message, Task } from '../model';
import { emptyUsage, MessageInterner } from '../model';
import type { Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { chatMessageText, isRecord, openAiUsage } from './openai-shapes';
import { firstIssue, loadJsonDocument, titleFrom, typeName, neverThrows } from './json-document';
import { parseJson } from '../io';

export function detectMiniSweAgent(probe: Probe): number {
  if (probe.binary) return 0;
  const head = probe.head.replace(/^\uFEFF/, '').trimStart();
  if (/"trajectory_format"\s*:\s*"mini-swe-agent/.test(head)) return 1;
  if (!head.startsWith('{')) return 0;
  if (/"mini_version"\s*:/.test(head)) return 0.95;
  // v1 writes info{exit_status, submission…} first; a long submission can push the markers past the head.
  if (/\.traj\.json$/i.test(probe.fileName) && /^\{\s*"info"\s*:\s*\{\s*"exit_status"\s*:/.test(head)) return 0.6;
  return 0;
}

const MessageSchema = z.looseObject({ role: z.string(), extra: z.unknown().optional() });

function responseOf(extra: unknown): Record<string, unknown> | null {
  const r = isRecord(extra) ? extra.response : undefined;
  if (isRecord(r)) return r;
  if (typeof r === 'string') {
    // FormatError paths may store repr(response): usable only if it happens to be JSON
    const p = parseJson(r);
    if (p.ok && isRecord(p.value)) return p.value;
  }
  return null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** A Unix time in seconds as ISO text; null when absent or out of Date's range. */
function epochIso(v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  const d = new Date(v * 1000);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function configModel(doc: Record<string, unknown>): string | null {
  const info = isRecord(doc.info) ? doc.info : null;
  const config = info && isRecord(info.config) ? info.config : null;
  const model = config && isRecord(config.model) ? config.model : null;
  return model ? str(model.model_name) : null;
}

/** info.model_stats.instance_cost: what mini-swe-agent itself counted (LiteLLM / OpenRouter prices). */
function instanceCost(doc: Record<string, unknown>): number | null {
  const info = isRecord(doc.info) ? doc.info : null;
  const stats = info && isRecord(info.model_stats) ? info.model_stats : null;
  return stats && typeof stats.instance_cost === 'number' && Number.isFinite(stats.instance_cost) && stats.instance_cost >= 0 ? stats.instance_cost : null;
}

function apiCalls(doc: Record<string, unknown>): number | null {
  const info = isRecord(doc.info) ? doc.info : null;
  const stats = info && isRecord(info.model_stats) ? info.model_stats : null;
  return stats && typeof stats.api_calls === 'number' ? stats.api_calls : null;
}

export async function readMiniSweAgent(path: string, limits: ReadLimits): Promise<ReadResult> {
  const doc = await loadJsonDocument(path, limits);
  if (!doc.ok) return { tasks: [], diagnostics: doc.diagnostics };
  const diagnostics: Diagnostic[] = doc.diagnostics;
  const root = isRecord(doc.value) ? doc.value : { messages: doc.value };
  if (!Array.isArray(root.messages)) {
    const found = isRecord(doc.value) ? `\`messages\` is ${typeName(root.messages)}` : `the document is ${typeName(doc.value)}`;
    diagnostics.push({ line: null, severity: 'error', message: `not a mini-swe-agent trajectory: ${found}, expected a list of messages` });
    return { tasks: [], diagnostics };
  }
  const taskId = str(root.instance_id) ?? basename(path).replace(/(\.traj)?\.json$/i, '');
  const defaultModel = configModel(root);
  const interner = new MessageInterner();
  const messages = root.messages;
  // Tool-calling models get tool schemas in the request, and those are not in the file.
  const usesTools = messages.some((m) => isRecord(m) && (m.role === 'tool' || Array.isArray(m.tool_calls)));
  const view: Message[] = [];
  const calls: Call[] = [];
  const seenIds = new Set<string>();
  let firstUser: string | null = null;
  messages.forEach((raw, j) => {
    const parsed = MessageSchema.safeParse(raw);
    if (!parsed.success) {
      diagnostics.push({ line: null, severity: 'warning', message: `messages[${j}]: ${firstIssue(parsed.error)}; message skipped` });
      return;
    }
    const m = chatMessageText(parsed.data);
    if (m === null) return; // e.g. v2's final role:"exit" record, never sent to the model
    if (m.role === 'assistant') {
      const response = responseOf(parsed.data.extra);
      const recorded = openAiUsage(response?.usage);
      let id = str(response?.id) ?? `${taskId}/m${j}`;
      if (seenIds.has(id)) id = `${id}/m${j}`;
      seenIds.add(id);
      calls.push({
        id,
        lineage: taskId,
        model: str(response?.model) ?? defaultModel,
        provider: recorded?.provider ?? null,
        prompt: view.slice(),
        promptComplete: view[0]?.role === 'system' && !usesTools,
        completion: m.text,
        usage: recorded?.usage ?? emptyUsage(),
        isSubagent: false,
        line: null,
        timestamp: epochIso(response?.created),
      });
    } else if (m.role === 'user') {
      firstUser ??= m.text;
    }
    view.push(interner.intern(m.role, m.text));
  });
  const missingUsage = calls.filter((c) => c.usage.inTotal === null && c.usage.output === null).length;
  if (missingUsage > 0) {
    diagnostics.push({ line: null, severity: 'warning', message: `${missingUsage} of ${calls.length} calls have no recorded usage in extra.response` });
  }
  const expected = apiCalls(root);
  if (expected !== null && expected !== calls.length) {
    diagnostics.push({
      line: null,
      severity: 'warning',
      message: `info.model_stats.api_calls is ${expected} but the trajectory has ${calls.length} assistant messages`,
    });
  }
  const title = str(root.instance_id) ?? titleFrom(firstUser ?? '');
  if (calls.length === 0) {
    diagnostics.push({ line: null, severity: 'info', message: `trajectory ${taskId} has no assistant messages: no task` });
    return { tasks: [], diagnostics };
  }
  const cost = instanceCost(root);
  const task: Task = { id: taskId, title, calls, line: null, ...(cost !== null ? { recordedCost: cost } : {}) };
  return { tasks: [task], diagnostics };
}

export const readers: TraceReader[] = [
  {
    format: 'mini-swe-agent',
    label: 'mini-swe-agent trajectory (.traj.json)',
    detect: detectMiniSweAgent,
    read: neverThrows('mini-swe-agent', readMiniSweAgent),
  },
];
