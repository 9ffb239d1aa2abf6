/**
 * What every scenario shares: the result types, the context of a run, the fixture files, and the
 * helpers that record a check, take a screenshot and ask the CLI about a trace.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Session } from './lib/browser';
import type { AnalyzeJson, Cli } from './lib/cli';
import type { CodeServer, Profile } from './lib/code-server';

export interface Check {
  what: string;
  ok: boolean;
  detail?: string;
}

export interface ScenarioResult {
  name: string;
  title: string;
  ok: boolean;
  ms: number;
  checks: Check[];
  screenshots: string[];
  error?: string;
}

export interface Ctx {
  session: Session;
  page: Page;
  server: CodeServer;
  profile: Profile;
  workspace: string;
  repo: string;
  out: string;
  cli: Cli;
  resultsFile: string;
  /** The harness's report that AgentCost has activated, rewritten at every start of the extension host (HostReady). */
  readyFile: string;
  /** Where the harness writes the extension host's event-loop delay (lib/loop-delay.ts). */
  loopDelayFile: string;
  state: Record<string, unknown>;
  log: (m: string) => void;
  current?: ScenarioResult;
  shotPrefix?: string;
}

export interface Scenario {
  name: string;
  title: string;
  timeoutMs?: number;
  run(ctx: Ctx): Promise<void>;
}

// ---- fixtures (paths relative to the workspace)
export const PROMPT = 'prompts/support-agent.prompt.md';
export const TRACE = 'traces/claude-code/refactor-session.jsonl';
/** The only model of TRACE: the panel prices its projections at this model's API prices. */
export const TRACE_MODEL = 'claude-sonnet-4-5-20250929';
export const HOSTILE = 'hostile/hostile-session.jsonl';
/** Generated at test time (run.ts): the large trace and two copies of it. */
export const LARGE_TRACES = ['traces/large/big-session.jsonl', 'traces/large/big-session-2.jsonl', 'traces/large/big-session-3.jsonl'];
export const TRACE_FILES = [
  'traces/claude-code/refactor-session.jsonl',
  'traces/openai/release-notes.jsonl',
  'traces/anthropic/triage.jsonl',
  'traces/otel/support-bot.otlp.jsonl',
  // full prompts and no usage: tokens from our tokenizer, reuse from prefix blocks
  'traces/openai-no-usage/wiki-answers.jsonl',
  'hostile/hostile-session.jsonl',
  ...LARGE_TRACES,
];
/** A `vllm bench serve --append-result` file (two runs of Qwen/Qwen3-32B on one H100), outside the workspace: it is not a trace. */
export const VLLM_RESULT = 'test/e2e/fixtures/vllm-qwen3-32b-h100.jsonl';
export const PAYLOADS = ['<img src=x onerror=alert(1)>', '</script><script>alert(2)</script>', '<svg onload=alert(3)><b>bold?</b>'];
export const CHARTS = ['timeline', 'figure1', 'figure2', 'figure3', 'figure4'];
export const ANALYZE_TRACE = 'AgentCost: Analyze Current Trace File';
export const ANALYZE_WORKSPACE = 'AgentCost: Analyze Workspace Traces';

// ---- helpers
export function check(ctx: Ctx, what: string, ok: boolean, detail?: string): boolean {
  ctx.current?.checks.push({ what, ok, ...(detail !== undefined && !ok ? { detail } : {}) });
  if (!ok) ctx.log(`  ✗ ${what}${detail ? `: ${detail.length > 600 ? `${detail.slice(0, 600)}… (full text in results.json)` : detail}` : ''}`);
  return ok;
}

export async function shot(ctx: Ctx, suffix: string, target?: { screenshot(o: { path: string }): Promise<unknown> }): Promise<void> {
  const f = join(ctx.out, `${ctx.shotPrefix ?? 'shot'}-${suffix}.png`);
  await (target ?? ctx.page).screenshot({ path: f });
  ctx.current?.screenshots.push(f);
}

export const abs = (ctx: Ctx, rel: string): string => join(ctx.workspace, rel);

/** The CLI's view of one trace file, at the panel's default controls (or the given utilization). */
export function analyze(ctx: Ctx, rel: string, utilization?: number): AnalyzeJson {
  return utilization === undefined ? ctx.cli.analyze(abs(ctx, rel)) : ctx.cli.analyze(abs(ctx, rel), '--utilization', String(utilization));
}
