/**
 * The panel's numbers against the CLI's for the same file: the task table cell by cell, Figure 4
 * against `agentcost agentic`, Figures 1-3 against `agentcost compare`, the timeline against a task.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import type { Ctx } from '../context';
import type { AgenticJson, AnalyzeJson, TaskJson } from './cli';
import { chartValues, type Table } from './panel';
import { relClose } from './util';

const COST_MODES = ['apiNoCache', 'apiCached', 'apiCachedObserved', 'selfHostReuse', 'selfHostNoReuse'] as const;
export const API_MODES = ['apiNoCache', 'apiCached', 'apiCachedObserved'] as const;
export const SELF_HOST_MODES = ['selfHostReuse', 'selfHostNoReuse'] as const;

export const same = (a: number | null | undefined, b: number | null | undefined): boolean =>
  a == null || b == null ? a == null && b == null : relClose(a, b, 1e-9);

/** "col: shown ≠ expected" for every cell of `row` that differs from `expected`. */
export function diffRow(row: Record<string, number | null> | undefined, expected: Record<string, number | null>): string[] {
  if (!row) return ['row missing'];
  return Object.entries(expected)
    .filter(([col, v]) => !same(row[col], v))
    .map(([col, v]) => `${col}: ${row[col]} ≠ ${v}`);
}

const TASK_NUMBERS = ['calls', 'initialInputTokens', 'meanOutputTokens', 'meanNewInputTokens', 'repeatedFraction', 'observedCachedFraction'] as const;
type CostMode = (typeof COST_MODES)[number];

function taskExpected(t: TaskJson, modes: readonly CostMode[], withShape: boolean): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  if (withShape) for (const f of TASK_NUMBERS) out[f] = t[f];
  for (const m of modes) out[m] = t.cost[m];
  return out;
}

/** Compares the task table with the CLI's tasks (rows keyed `<file index>:<task id>`); returns the mismatches. */
export function diffTasks(table: Table, tasks: TaskJson[], modes: readonly CostMode[] = COST_MODES, withShape = true): string[] {
  return tasks.flatMap((t) => {
    const key = [...table.keys()].find((k) => k.endsWith(`:${t.id}`));
    return diffRow(key ? table.get(key) : undefined, taskExpected(t, modes, withShape)).map((d) => `${t.id} ${d}`);
  });
}

/**
 * Figure 4 as the CLI computes it for the same workload: the trace's projection (I0, O, Δ, r, outputs
 * appended) priced at the trace model's API prices (`agentcost prices`) against the default self-host
 * scenario (DeepSeek V3.2 on B200).
 */
export function cliFigure4(ctx: Ctx, a: AnalyzeJson, model: string, kMax: number, utilization?: number): AgenticJson['rows'] {
  const p = a.summary.projection!;
  const offer = ctx.cli.prices(model).offers[0]!;
  const scenario = join(ctx.workspace, '..', `scenario-${model}.json`);
  const api = { inputPerM: offer.inputPerM, cachedInputPerM: offer.cachedInputPerM, cacheWritePerM: offer.cacheWritePerM, outputPerM: offer.outputPerM, minCacheableTokens: null };
  writeFileSync(scenario, JSON.stringify({ model: 'deepseek-v3.2', provider: 'deepinfra', gpu: 'b200', api }));
  const args = ['--scenario', scenario, '--initial-input', String(p.initialInput), '--per-step-output', String(p.perStepOutput), '--new-input', String(p.newInputPerStep), '--repeated-fraction', String(p.repeatedFraction), '--k-max', String(kMax)];
  if (p.appendOutputs) args.push('--append-outputs');
  if (utilization !== undefined) args.push('--utilization', String(utilization));
  return ctx.cli.agentic(...args).rows;
}

export const fig4Expected = (r: AgenticJson['rows'][number]): Record<string, number | null> => ({ apiNoCache: r.apiNoCache, apiCached: r.apiCached, selfHostReuse: r.selfHostReuse, selfHostNoReuse: r.selfHostNoReuse });

/**
 * Figures 1-3 of the panel against `agentcost compare` for the same models, workloads, provider (the
 * article's, deepinfra, when calls are priced at their own models), GPU and utilization: every cell of
 * Figure 1 and 3, and Figure 2 at the utilizations both compute. Returns the mismatches per figure.
 */
export async function diffFigures123(ctx: Ctx, frame: FrameLocator, utilization: number): Promise<Record<'figure1' | 'figure2' | 'figure3', string[]>> {
  const [f1, f2, f3] = [await chartValues(frame, 'figure1'), await chartValues(frame, 'figure2'), await chartValues(frame, 'figure3')];
  const split = (k: string): [string, string] => k.split(' / ') as [string, string];
  const models = [...new Set([...f1.keys()].map((k) => split(k)[0]))];
  const workloads = [...new Set([...f1.keys()].map((k) => split(k)[1]))];
  if (!models.length) return { figure1: ['no rows'], figure2: ['not compared'], figure3: ['not compared'] };
  const cmp = ctx.cli.compare('--models', models.join(','), '--workloads', workloads.join(','), '--provider', 'deepinfra', '--gpu', 'b200', '--utilization', String(utilization), '--overhead', '0.15');
  const figure1 = [...f1.keys()].flatMap((k) => {
    const [model, workload] = split(k);
    const c = cmp.figure1.find((r) => r.model === model && r.workload === workload);
    return c ? diffRow(f1.get(k), { apiPerM: c.apiPerM, selfHostPerM: c.selfHostPerM }).map((d) => `${k} ${d}`) : [`${k}: no such row from the CLI`];
  });
  if (f1.size !== cmp.figure1.length) figure1.push(`${f1.size} rows, the CLI has ${cmp.figure1.length}`);
  const common = cmp.figure2.filter((c) => [...f2.keys()].some((k) => Math.abs(Number(k) - c.utilization) < 1e-9));
  const figure2 = common.flatMap((c) => {
    const key = [...f2.keys()].find((k) => Math.abs(Number(k) - c.utilization) < 1e-9)!;
    return diffRow(f2.get(key), { [`${c.model}:selfHost`]: c.selfHostPerM, [`${c.model}:api`]: c.apiPerM }).map((d) => `u=${key} ${d}`);
  });
  if (common.length < 5) figure2.push(`only ${common.length} utilizations in common with the CLI`);
  const figure3 = [...f3.keys()].flatMap((k) => {
    const [model, archetype] = split(k);
    const c = cmp.figure3.find((r) => r.model === model && r.archetype === archetype);
    return c ? diffRow(f3.get(k), { breakEvenUtilization: c.breakEvenUtilization }).map((d) => `${k} ${d}`) : [`${k}: no such row from the CLI`];
  });
  if (f3.size !== cmp.figure3.length) figure3.push(`${f3.size} rows, the CLI has ${cmp.figure3.length}`);
  return { figure1, figure2, figure3 };
}

/** The per-call timeline's values against the CLI's numbers for the same task: k, I0, mean O, mean Δ. */
export async function diffTimeline(frame: FrameLocator, task: TaskJson): Promise<string[]> {
  const rows = [...(await chartValues(frame, 'timeline')).values()];
  const mean = (v: number[]): number | null => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);
  const out: string[] = [];
  if (rows.length !== task.calls) out.push(`${rows.length} calls, the CLI counts ${task.calls}`);
  if (!same(rows[0]?.newInput, task.initialInputTokens)) out.push(`call 1 new input ${rows[0]?.newInput} ≠ I0 ${task.initialInputTokens}`);
  const o = mean(rows.map((r) => r.output).filter((v): v is number => v !== null));
  if (!same(o, task.meanOutputTokens)) out.push(`mean output ${o} ≠ ${task.meanOutputTokens}`);
  const d = mean(rows.slice(1).map((r) => r.newInput).filter((v): v is number => v !== null));
  if (!same(d, task.meanNewInputTokens)) out.push(`mean new input of calls 2.. ${d} ≠ Δ ${task.meanNewInputTokens}`);
  return out;
}
