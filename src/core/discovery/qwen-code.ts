import { join } from 'node:path';
import { claudeHead } from './claude-code';
import { entries } from './head';
import { claudeDirMatches, insideAny } from './paths';
import type { DiscoveredSession } from './types';

/**
 * Qwen Code chats: `projects/<cwd with every non-alphanumeric character as '-'>/chats/<id>.jsonl`
 * (lower-cased on Windows). Its records look like Claude Code's and carry `cwd`, which decides.
 */
export async function discoverQwenCode(qwenDir: string, workspaces: readonly string[], platform: NodeJS.Platform): Promise<DiscoveredSession[]> {
  const projects = join(qwenDir, 'projects');
  const spellings = platform === 'win32' ? workspaces.map((w) => w.toLowerCase()) : workspaces;
  const out: DiscoveredSession[] = [];
  for (const d of await entries(projects)) {
    const name = platform === 'win32' ? d.name.toLowerCase() : d.name;
    if (!d.isDirectory() || !claudeDirMatches(name, spellings)) continue;
    const chats = join(projects, d.name, 'chats');
    for (const f of await entries(chats)) {
      if (!f.isFile() || !f.name.endsWith('.jsonl')) continue;
      const path = join(chats, f.name);
      const head = await claudeHead(path);
      if (!head.cwd || !insideAny(head.cwd, workspaces, platform)) continue;
      out.push({ agent: 'qwen-code', path, sessionId: head.sessionId ?? f.name.replace(/\.jsonl$/, ''), started: head.started, title: null, subagent: false, cwd: head.cwd });
    }
  }
  return out;
}
