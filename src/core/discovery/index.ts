import { realpath } from 'node:fs/promises';
import { discoverClaudeCode } from './claude-code';
import { discoverCodex } from './codex';
import { discoverCopilotChat } from './copilot-chat';
import { discoverGeminiCli } from './gemini-cli';
import { resolveLocations } from './locations';
import { discoverOpenCode } from './opencode';
import { pathApi, spellings } from './paths';
import { discoverQwenCode } from './qwen-code';
import { AGENT_IDS, AGENT_LABELS, type AgentId, type DiscoveredSession, type DiscoveryOptions, type DiscoveryResult } from './types';
import { discoverTaskRoot, taskRoots } from './vscode-tasks';

export * from './types';
export { defaultLocations, resolveLocations } from './locations';
export { claudeProjectDirName } from './paths';

/** Stable order: by agent (AGENT_IDS order), then start time, then path. */
function compare(a: DiscoveredSession, b: DiscoveredSession): number {
  const ai = AGENT_IDS.indexOf(a.agent) - AGENT_IDS.indexOf(b.agent);
  if (ai !== 0) return ai;
  const s = (a.started ?? '').localeCompare(b.started ?? '');
  return s !== 0 ? s : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * The agent sessions that belong to a workspace folder (ran in it or in a folder inside it), found
 * in each agent's own storage. Reads only folder listings, small index files and the first lines of
 * session files; never throws for a missing or unreadable folder (it is simply empty).
 */
export async function discoverSessions(workspace: string, opts: DiscoveryOptions): Promise<DiscoveryResult> {
  const { platform } = opts.environment;
  const resolved = pathApi(platform).resolve(workspace);
  const real = platform === process.platform ? await realpath(resolved).catch(() => resolved) : resolved;
  const ws = spellings([resolved, real]);
  const loc = resolveLocations(opts.environment, opts.overrides);
  const want = new Set<AgentId>(opts.agents ?? AGENT_IDS);
  const sessions: DiscoveredSession[] = [];
  const notes: string[] = [];
  if (want.has('claude-code')) sessions.push(...(await discoverClaudeCode(loc.claudeConfigDirs, ws, platform)));
  if (want.has('codex')) sessions.push(...(await discoverCodex(loc.codexHome, ws, platform)));
  if (want.has('gemini-cli')) sessions.push(...(await discoverGeminiCli(loc.geminiDir, ws, platform)));
  if (want.has('qwen-code')) sessions.push(...(await discoverQwenCode(loc.qwenDir, ws, platform)));
  if (want.has('opencode')) {
    const r = await discoverOpenCode(loc.openCodeDataDir, ws, platform);
    sessions.push(...r.sessions);
    notes.push(...r.notes);
  }
  for (const { root, agent } of await taskRoots(loc.vscodeUserDirs, loc.clineDataDirs)) {
    if (!want.has(agent)) continue;
    const r = await discoverTaskRoot(root, agent, ws, platform);
    sessions.push(...r.sessions);
    if (r.unrecorded) notes.push(`${r.unrecorded} ${AGENT_LABELS[agent]} task(s) in ${root} record no workspace (older versions keep it in VS Code's state database): not listed.`);
  }
  if (want.has('copilot-chat')) sessions.push(...(await discoverCopilotChat(loc.vscodeUserDirs, ws, platform)));
  return { sessions: sessions.sort(compare), notes };
}
