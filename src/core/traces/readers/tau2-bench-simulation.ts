/**
 * One tau2-bench SimulationRun → one Task. Agent calls are `role:"assistant"` messages with usage; the
 * user simulator's calls (`role:"user"` with usage) are counted apart, never in k.
 */
import { z } from 'zod';
import type { Call, Diagnostic, Message, Task } from '../model';
import { emptyUsage, MessageInterner } from '../model';
import { chatRole, contentText, isRecord, openAiUsage, toolCallsText } from './openai-shapes';
import { firstIssue, titleFrom } from './json-document';
import { parseJson } from '../io';

export const SimulationSchema = z.looseObject({
  id: z.string().nullish(),
  task_id: z.union([z.string(), z.number()]).nullish(),
  trial: z.number().nullish(),
  messages: z.array(z.unknown()),
  policy: z.unknown().optional(),
});
export type Simulation = z.infer<typeof SimulationSchema>;

const MessageSchema = z.looseObject({ role: z.string() });

/** What one file's simulations share, and the counters its file-level diagnostics report. */
export interface SimulationContext {
  interner: MessageInterner;
  /** info.agent_info.llm (or the wrapper's `model`): used when a call's raw_data names no model. */
  defaultModel: string | null;
  /** False when no message in the file records usage: then every assistant message but the greeting is a call. */
  fileHasUsage: boolean;
  diagnostics: Diagnostic[];
  userSimulatorCalls: number;
  cachedExcludedCalls: number;
  reprRawData: number;
}

function rawDataObject(raw: unknown, ctx: SimulationContext): Record<string, unknown> | null {
  if (isRecord(raw)) return raw;
  if (typeof raw !== 'string') return null;
  const parsed = parseJson(raw);
  if (parsed.ok && isRecord(parsed.value)) return parsed.value;
  ctx.reprRawData++; // older tau2 (Aug 2025) stores repr(choice): no usage, no model in it
  return null;
}

function messageText(m: Record<string, unknown>): string {
  return [contentText(m.content), toolCallsText(m.tool_calls)].filter((t) => t !== '').join('\n');
}

export function readSimulation(sim: Simulation, taskId: string, where: string, ctx: SimulationContext): Task {
  const view: Message[] = [];
  if (typeof sim.policy === 'string' && sim.policy.trim() !== '') {
    // The knowledge-style domains store the agent's policy; its tool schemas are never stored.
    view.push(ctx.interner.intern('system', sim.policy));
  }
  const calls: Call[] = [];
  let title: string | null = null;
  sim.messages.forEach((raw, j) => {
    const parsed = MessageSchema.safeParse(raw);
    if (!parsed.success) {
      ctx.diagnostics.push({ line: null, severity: 'warning', message: `${where}.messages[${j}]: ${firstIssue(parsed.error)}; message skipped` });
      return;
    }
    const m = parsed.data;
    const text = messageText(m);
    if (m.role === 'user') {
      if (m.usage != null) ctx.userSimulatorCalls++;
      const said = contentText(m.content); // the user's own tool calls never reach the agent
      if (said !== '') {
        view.push(ctx.interner.intern('user', said));
        title ??= titleFrom(said);
      }
      return;
    }
    if (m.role === 'tool') {
      if (m.requestor !== 'user') view.push(ctx.interner.intern('tool', text)); // the user's own tools stay on its side
      return;
    }
    if (m.role !== 'assistant') {
      const role = chatRole(m.role);
      if (role) view.push(ctx.interner.intern(role, text));
      return;
    }
    const isCall = ctx.fileHasUsage ? m.usage != null : j > 0;
    if (isCall) calls.push(agentCall(m, `${taskId}/m${j}`, taskId, view.slice(), text, where, j, ctx));
    view.push(ctx.interner.intern('assistant', text));
  });
  return { id: taskId, title, calls, line: null };
}

function agentCall(
  m: Record<string, unknown>,
  id: string,
  lineage: string,
  prompt: Message[],
  completion: string,
  where: string,
  j: number,
  ctx: SimulationContext,
): Call {
  const raw = rawDataObject(m.raw_data, ctx);
  const recorded = openAiUsage(raw?.usage) ?? openAiUsage(m.usage);
  if (m.usage != null && recorded === null) {
    ctx.diagnostics.push({
      line: null,
      severity: 'warning',
      message: `${where}.messages[${j}]: usage has no token counts; the call is kept with unknown usage`,
    });
  }
  if (recorded?.cachedExcluded) ctx.cachedExcludedCalls++;
  return {
    id,
    lineage,
    model: typeof raw?.model === 'string' ? raw.model : ctx.defaultModel,
    provider: recorded?.provider ?? null,
    prompt,
    promptComplete: false, // the system prompt and tool schemas are not in `messages`
    completion,
    usage: recorded?.usage ?? emptyUsage(),
    isSubagent: false,
    line: null,
    timestamp: typeof m.timestamp === 'string' ? m.timestamp : null,
  };
}
