/**
 * tau2-bench results (FORMATS.md §1): a `Results` object `{timestamp, info, tasks, simulations}`, a bare list
 * of SimulationRun (leaderboard trajectories), a custom `{domain, agent, model, simulations}` wrapper,
 * `{_about, task, simulation_run}`, or one SimulationRun (a `simulations/<id>.json` of the directory format).
 * Task = one simulation (task_id × trial); k = agent calls only.
 */
import type { Diagnostic, Task } from '../model';
import { MessageInterner } from '../model';
import type { Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { isRecord } from './openai-shapes';
import { errorText, firstIssue, loadJsonDocument, typeName, neverThrows } from './json-document';
import { readSimulation, SimulationSchema, type SimulationContext } from './tau2-bench-simulation';

function hasKey(head: string, key: string): boolean {
  return head.includes(`"${key}"`) && new RegExp(`"${key}"\\s*:`).test(head);
}

export function detectTau2(probe: Probe): number {
  if (probe.binary) return 0;
  const head = probe.head.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{') && !head.startsWith('[')) return 0;
  const has = (k: string) => hasKey(head, k);
  if (has('agent_info') && has('user_info')) return 0.95; // Results.info
  if (has('task_id') && has('termination_reason') && (has('reward_info') || has('agent_cost') || has('user_cost'))) return 0.9;
  return 0;
}

interface Located {
  sims: unknown[];
  /** JSON path of the list, for diagnostics ("simulations", "" for a bare list). */
  path: string;
  defaultModel: string | null;
}

function stringAt(v: unknown, ...keys: string[]): string | null {
  let cur = v;
  for (const k of keys) cur = isRecord(cur) ? cur[k] : undefined;
  return typeof cur === 'string' && cur !== '' ? cur : null;
}

function locate(doc: unknown): Located | string {
  if (Array.isArray(doc)) return { sims: doc, path: '', defaultModel: null };
  if (!isRecord(doc)) return `expected a JSON object or list, found ${typeName(doc)}`;
  const defaultModel = stringAt(doc, 'info', 'agent_info', 'llm') ?? stringAt(doc, 'model');
  if (Array.isArray(doc.simulations)) return { sims: doc.simulations, path: 'simulations', defaultModel };
  if (isRecord(doc.simulation_run)) return { sims: [doc.simulation_run], path: 'simulation_run', defaultModel };
  if (Array.isArray(doc.messages) && 'task_id' in doc) return { sims: [doc], path: '(root)', defaultModel };
  if (Array.isArray(doc.simulation_index)) {
    return 'a directory-format results.json: its simulations are the simulations/<id>.json files beside it (read those)';
  }
  return doc.simulations === undefined
    ? 'no `simulations` list, `simulation_run` or SimulationRun found'
    : `\`simulations\` is ${typeName(doc.simulations)}, expected a list`;
}

function hasAnyUsage(sims: unknown[]): boolean {
  return sims.some(
    (s) => isRecord(s) && Array.isArray(s.messages) && s.messages.some((m) => isRecord(m) && isRecord(m.usage)),
  );
}

/** task_id alone when it is unique in the file, else task_id#trial, else the record index. */
function taskIds(sims: unknown[]): string[] {
  const base = sims.map((s, i) => (isRecord(s) && (typeof s.task_id === 'string' || typeof s.task_id === 'number') ? String(s.task_id) : `sim-${i}`));
  const counts = new Map<string, number>();
  for (const b of base) counts.set(b, (counts.get(b) ?? 0) + 1);
  const seen = new Set<string>();
  return base.map((b, i) => {
    const s = sims[i];
    let id = (counts.get(b) ?? 0) > 1 ? `${b}#${isRecord(s) && typeof s.trial === 'number' ? s.trial : i}` : b;
    if (seen.has(id)) id = `${id}@${i}`;
    seen.add(id);
    return id;
  });
}

function fileNotes(ctx: SimulationContext, calls: number): Diagnostic[] {
  const notes: Diagnostic[] = [];
  const info = (message: string) => notes.push({ line: null, severity: 'info', message });
  if (ctx.userSimulatorCalls > 0) {
    info(`${ctx.userSimulatorCalls} user-simulator calls (role "user" with usage) are not agent calls: not counted in k`);
  }
  if (!ctx.fileHasUsage && calls > 0) {
    info(
      `no usage recorded: ${calls} assistant messages counted as calls with unknown usage ` +
        "(the leading greeting, tau2's hard-coded first message, is not a call)",
    );
  }
  if (ctx.cachedExcludedCalls > 0) {
    info(
      `${ctx.cachedExcludedCalls} calls report prompt_tokens smaller than their cached tokens (Anthropic counts ` +
        'copied through a wrapper): their input total is prompt_tokens + cached tokens',
    );
  }
  if (ctx.reprRawData > 0) {
    info(
      `${ctx.reprRawData} messages store raw_data as a Python repr string (older tau2): no per-call model or ` +
        'cache tokens there; message.usage and the run\'s agent model are used',
    );
  }
  return notes;
}

/** A simulation the agent never called the model in (e.g. an infrastructure error) is not a task run. */
function noCalls(sim: Record<string, unknown>, id: string, where: string, diagnostics: Diagnostic[]): void {
  const reason = typeof sim.termination_reason === 'string' ? ` (termination_reason ${sim.termination_reason})` : '';
  diagnostics.push({ line: null, severity: 'info', message: `${where}: task ${id} has no agent calls${reason}: left out` });
}

export async function readTau2(path: string, limits: ReadLimits): Promise<ReadResult> {
  const doc = await loadJsonDocument(path, limits);
  if (!doc.ok) return { tasks: [], diagnostics: doc.diagnostics };
  const diagnostics = doc.diagnostics;
  const located = locate(doc.value);
  if (typeof located === 'string') {
    // The directory format's results.json is valid, its simulations just live in other files.
    const dir = located.startsWith('a directory-format');
    diagnostics.push(
      dir
        ? { line: null, severity: 'warning', message: `no simulations here: ${located}` }
        : { line: null, severity: 'error', message: `not a tau2-bench results file: ${located}` },
    );
    return { tasks: [], diagnostics };
  }
  const ctx: SimulationContext = {
    interner: new MessageInterner(),
    defaultModel: located.defaultModel,
    fileHasUsage: hasAnyUsage(located.sims),
    diagnostics,
    userSimulatorCalls: 0,
    cachedExcludedCalls: 0,
    reprRawData: 0,
  };
  const ids = taskIds(located.sims);
  const tasks: Task[] = [];
  located.sims.forEach((raw, i) => {
    const where = located.path === '(root)' ? '(root)' : `${located.path}[${i}]`;
    const parsed = SimulationSchema.safeParse(raw);
    if (!parsed.success) {
      diagnostics.push({ line: null, severity: 'error', message: `${where}: ${firstIssue(parsed.error)}; simulation skipped` });
      return;
    }
    try {
      const task = readSimulation(parsed.data, ids[i] ?? `sim-${i}`, where, ctx);
      if (task.calls.length > 0) tasks.push(task);
      else noCalls(parsed.data, task.id, where, diagnostics);
    } catch (e) {
      diagnostics.push({ line: null, severity: 'error', message: `${where}: cannot read the simulation (${errorText(e)})` });
    }
  });
  if (located.sims.length === 0) diagnostics.push({ line: null, severity: 'warning', message: 'no simulations in the file' });
  diagnostics.push(...fileNotes(ctx, tasks.reduce((n, t) => n + t.calls.length, 0)));
  return { tasks, diagnostics };
}

export const readers: TraceReader[] = [
  {
    format: 'tau2-bench',
    label: 'tau2-bench simulation results (JSON)',
    detect: detectTau2,
    read: neverThrows('tau2-bench', readTau2),
  },
];
