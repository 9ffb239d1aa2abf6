import type { Command } from 'commander';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { AGENT_LABELS, discoverSessions, type DiscoveryResult } from '../../core/discovery';
import { sessionTotals } from '../../core/discovery/session-totals';
import { readers } from '../../core/traces/readers';
import { analyzeFile } from '../../core/inference/analyze';
import { traceModelPricing } from '../../core/inference/pricing';
import { createTokenCounter, DEFAULT_ENCODING, type TokenCounter } from '../../core/tokenize';
import { formatNumber, formatUsd } from '../../core/format';
import { resolveScenario } from '../../core/scenario';
import { printJson, table } from '../render';
import { catalogAndJsonOptions, loadCatalog, type CatalogAndJsonFlags } from '../options';
import { UsageError } from '../errors';

/**
 * The sessions the agents wrote for a workspace folder, found where each agent keeps them. The
 * environment is the process's own: HOME (USERPROFILE on Windows), CLAUDE_CONFIG_DIR, CODEX_HOME,
 * GEMINI_CLI_HOME, XDG_CONFIG_HOME, XDG_DATA_HOME, APPDATA, CLINE_DATA_DIR / CLINE_DIR.
 */
export async function discoverForCli(dir: string | undefined): Promise<DiscoveryResult & { workspace: string }> {
  const workspace = resolve(dir ?? process.cwd());
  const info = await stat(workspace).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`no such folder: ${workspace}`);
  const env = process.env;
  const home = (process.platform === 'win32' ? env.USERPROFILE : env.HOME) || homedir();
  return { workspace, ...(await discoverSessions(workspace, { environment: { home, env, platform: process.platform } })) };
}

export function registerSessions(program: Command): void {
  const cmd = program
    .command('sessions')
    .description("list the agent sessions of a workspace folder (Claude Code, Codex, Gemini CLI, Qwen Code, OpenCode, Cline, Roo Code, Kilo Code, Copilot Chat), found in each agent's own storage, with each session's calls and cost")
    .argument('[workspace]', 'the workspace folder (default: the current directory)');
  catalogAndJsonOptions(cmd).action(async (dir: string | undefined, opts: CatalogAndJsonFlags) => {
    const found = await discoverForCli(dir);
    const cat = await loadCatalog(opts.catalog);
    const s = resolveScenario(cat);
    const trace = traceModelPricing(cat);
    const loaded: { counter: TokenCounter | null } = { counter: null };
    const tokenizer = async () => {
      const c = (loaded.counter ??= await createTokenCounter(DEFAULT_ENCODING));
      const encode = c.encodeIds;
      return { count: (t: string) => c.count(t), ...(encode ? { encode } : {}) };
    };
    const rows = [];
    for (const session of found.sessions) {
      const f = await analyzeFile(session.path, { readers, tokenizer, priceOf: trace.priceOf, selfHost: s.selfHost });
      rows.push({ session, format: f.format, diagnostics: f.diagnostics, ...sessionTotals(f) });
    }
    if (opts.json) {
      printJson({
        workspace: found.workspace,
        sessions: rows.map((r) => ({
          agent: r.session.agent,
          path: r.session.path,
          sessionId: r.session.sessionId,
          started: r.session.started,
          title: r.session.title,
          subagent: r.session.subagent,
          format: r.format,
          calls: r.calls,
          cost: r.cost,
        })),
        pricing: { api: "each call at its own model's API price", selfHost: s.name },
        notes: found.notes,
      });
      return;
    }
    const out = [`Sessions of ${found.workspace}: ${rows.length}`];
    if (rows.length) {
      out.push(
        table(
          ['agent', 'started', 'session', 'calls', 'API billed', 'API cached', 'self-host reuse', 'file'],
          rows.map((r) => [
            AGENT_LABELS[r.session.agent] + (r.session.subagent ? ' (subagent)' : ''),
            r.session.started?.slice(0, 16).replace('T', ' ') ?? '—',
            (r.session.sessionId ?? '—').slice(0, 13),
            r.calls === null ? 'not read' : formatNumber(r.calls, 0),
            ...(r.cost ? [formatUsd(r.cost.apiCachedObserved), formatUsd(r.cost.apiCached), formatUsd(r.cost.selfHostReuse)] : ['—', '—', '—']),
            r.session.path,
          ]),
          [false, false, false, true, true, true, true, false],
        ),
      );
    }
    for (const n of found.notes) out.push(`note: ${n}`);
    out.push(`API: each call at its own model's API price; self-host: ${s.name}. Analyze them: agentcost analyze --sessions ${JSON.stringify(found.workspace)}`);
    process.stdout.write(out.join('\n') + '\n');
  });
}
