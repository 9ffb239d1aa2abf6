import type { Command } from 'commander';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { AGENT_LABELS, discoverSessions, type DiscoveryResult } from '../../core/discovery';
import { sessionTotals } from '../../core/discovery/session-totals';
import { readers } from '../../core/traces/readers';
import { measureFile } from '../../core/inference/analyze';
import { makePricing, priceFile } from '../../core/pipeline/pricing';
import { measuringOptions } from '../../core/pipeline/measuring';
import { createTokenCounter, DEFAULT_ENCODING } from '../../core/tokenize';
import { formatNumber, formatUsd } from '../../core/format';
import { printJson, printText, safeLine, table } from '../render';
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
    // the same measuring and pricing as `analyze` (pipeline/measuring.ts, pipeline/pricing.ts)
    const pricing = makePricing(cat, {});
    const measuring = measuringOptions({ readers, counter: () => createTokenCounter(DEFAULT_ENCODING) });
    const rows = [];
    for (const session of found.sessions) {
      const f = priceFile(await measureFile(session.path, measuring.options), pricing);
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
        pricing: { api: pricing.apiLabel, selfHost: pricing.scenario.name },
        notes: found.notes,
      });
      return;
    }
    const out = [`Sessions of ${safeLine(found.workspace)}: ${rows.length}`];
    if (rows.length) {
      out.push(
        table(
          ['agent', 'started', 'session', 'calls', 'API billed', 'API cached', 'self-host reuse', 'file'],
          rows.map((r) => [
            AGENT_LABELS[r.session.agent] + (r.session.subagent ? ' (subagent)' : ''),
            r.session.started?.slice(0, 16).replace('T', ' ') ?? '—',
            safeLine((r.session.sessionId ?? '—').slice(0, 13)),
            r.calls === null ? 'not read' : formatNumber(r.calls, 0),
            ...(r.cost ? [formatUsd(r.cost.apiCachedObserved), formatUsd(r.cost.apiCached), formatUsd(r.cost.selfHostReuse)] : ['—', '—', '—']),
            safeLine(r.session.path),
          ]),
          [false, false, false, true, true, true, true, false],
        ),
      );
    }
    for (const n of found.notes) out.push(`note: ${safeLine(n)}`);
    out.push(`API: ${pricing.apiLabel}; self-host: ${pricing.scenario.name}. Analyze them: agentcost analyze --sessions ${JSON.stringify(found.workspace)}`);
    printText(out.join('\n') + '\n');
  });
}
