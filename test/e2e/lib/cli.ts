/** The numbers the CLI prints for the same files: what the editor must show. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { TaskFields } from '../../../src/core/inference/analyze';
import type { AnalysisSummary } from '../../../src/core/inference/summary';
import type { Distribution } from '../../../src/core/inference/task-stats';
import type { TaskCosts } from '../../../src/core/inference/task-costs';

// The CLI prints the core's own shapes (`analyze --json`: taskFields + cost per task, the summary)
export type CostsJson = TaskCosts;
export type TaskJson = TaskFields & { cost: TaskCosts; costRange?: { selfHostReuse: [number, number] | null; selfHostNoReuse: [number, number] | null } };
export type Dist = Distribution;

export interface AnalyzeJson {
  files: { path: string; format: string | null; tasks: TaskJson[]; diagnostics: { line: number | null; severity: string; message: string }[] }[];
  summary: AnalysisSummary;
}

export interface AgenticJson {
  rows: { k: number; apiNoCache: number | null; apiCached: number | null; selfHostReuse: number | null; selfHostNoReuse: number | null }[];
  crossoverK: { vsApiNoCache: number | null; vsApiCached: number | null };
  rowRanges: { k: number; selfHostReuse: [number, number] | null; selfHostNoReuse: [number, number] | null }[];
}

export interface CompareJson {
  figure1: { model: string; workload: string; apiPerM: number | null; selfHostPerM: number | null }[];
  figure2: { model: string; workload: string; utilization: number; apiPerM: number | null; selfHostPerM: number | null }[];
  figure3: { model: string; archetype: string; breakEvenUtilization: number | null }[];
}

export interface PromptJson {
  tokens: number;
  k: number;
  kSource: string;
  perCall: { api: number | null; selfHost: number | null };
  perTask: { apiNoCache: number | null; apiCached: number | null; selfHostReuse: number | null; selfHostNoReuse: number | null };
  perCallRange: { selfHost: [number, number] | null };
  perTaskRange: { selfHostReuse: [number, number] | null; selfHostNoReuse: [number, number] | null };
  verdict: string | null;
}

export class Cli {
  private readonly cache = new Map<string, unknown>();
  constructor(private readonly repo: string) {}

  private json<T>(args: string[]): T {
    const key = args.join('\u0000');
    if (!this.cache.has(key)) {
      const out = execFileSync(process.execPath, [join(this.repo, 'dist', 'cli.js'), ...args, '--json'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
      this.cache.set(key, JSON.parse(out));
    }
    return this.cache.get(key) as T;
  }

  analyze(file: string, ...extra: string[]): AnalyzeJson {
    return this.json<AnalyzeJson>(['analyze', file, ...extra]);
  }

  tokens(file: string, encoding = 'o200k_base'): number {
    return this.json<{ tokens: number }>(['tokens', file, '--encoding', encoding]).tokens;
  }

  prices(model: string): { offers: { inputPerM: number; cachedInputPerM: number | null; cacheWritePerM: number | null; outputPerM: number }[] } {
    return this.json(['prices', '--model', model]);
  }

  compare(...args: string[]): CompareJson {
    return this.json<CompareJson>(['compare', ...args]);
  }

  /** `agentcost prompt --json`: the hover's, CodeLens's and status bar's numbers for a prompt file. */
  prompt(file: string, ...extra: string[]): PromptJson {
    return this.json<PromptJson>(['prompt', file, ...extra]);
  }

  agentic(...args: string[]): AgenticJson {
    return this.json<AgenticJson>(['agentic', ...args]);
  }
}
