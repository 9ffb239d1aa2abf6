import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { entries, firstStringField, headText, readJsonFile } from './head';
import { insideAny } from './paths';
import type { DiscoveredSession } from './types';

const HEAD_BYTES = 64 * 1024;
const registry = z.object({ projects: z.record(z.string(), z.string()) });

/**
 * Gemini CLI's per-project folders under `tmp/` that belong to the workspace:
 * - older versions: the sha256 (hex) of the project root as the CLI saw it (exact, not lossy);
 * - current versions: a short slug from `projects.json` (`{projects: {<root>: <slug>}}`, roots
 *   lower-cased on Windows), each slug folder also holding a `.project_root` file naming its root.
 * Source: google-gemini/gemini-cli packages/core/src/config/storage.ts and projectRegistry.ts.
 */
async function projectDirs(geminiDir: string, workspaces: readonly string[], platform: NodeJS.Platform): Promise<Map<string, string>> {
  const tmp = join(geminiDir, 'tmp');
  const dirs = new Map<string, string>(); // folder -> project root it belongs to
  for (const ws of workspaces) dirs.set(join(tmp, createHash('sha256').update(ws).digest('hex')), ws);
  const reg = registry.safeParse(await readJsonFile(join(geminiDir, 'projects.json')));
  if (reg.success) {
    for (const [root, slug] of Object.entries(reg.data.projects)) {
      if (insideAny(root, workspaces, platform) && !slug.includes('/') && !slug.includes('\\') && slug !== '..') dirs.set(join(tmp, slug), root);
    }
  }
  for (const e of await entries(tmp)) {
    if (!e.isDirectory()) continue;
    const root = (await readFile(join(tmp, e.name, '.project_root'), 'utf8').catch(() => '')).trim();
    if (root && insideAny(root, workspaces, platform)) dirs.set(join(tmp, e.name), root);
  }
  return dirs;
}

async function session(path: string, root: string, subagent: boolean): Promise<DiscoveredSession> {
  const text = await headText(path, HEAD_BYTES).catch(() => '');
  return {
    agent: 'gemini-cli',
    path,
    sessionId: firstStringField(text, 'sessionId'),
    started: firstStringField(text, 'startTime'),
    title: firstStringField(text, 'summary'),
    subagent: subagent || firstStringField(text, 'kind') === 'subagent',
    cwd: root,
  };
}

const isChat = (name: string) => name.startsWith('session-') && (name.endsWith('.json') || name.endsWith('.jsonl'));

/** Gemini CLI chats (`tmp/<project>/chats/session-*.json[l]`, subagents in `chats/<parent>/`). */
export async function discoverGeminiCli(geminiDir: string, workspaces: readonly string[], platform: NodeJS.Platform): Promise<DiscoveredSession[]> {
  const out: DiscoveredSession[] = [];
  for (const [dir, root] of await projectDirs(geminiDir, workspaces, platform)) {
    const chats = join(dir, 'chats');
    for (const e of await entries(chats)) {
      const p = join(chats, e.name);
      if (e.isFile() && isChat(e.name)) out.push(await session(p, root, false));
      else if (e.isDirectory()) {
        for (const s of await entries(p)) if (s.isFile() && s.name.endsWith('.jsonl')) out.push(await session(join(p, s.name), root, true));
      }
    }
  }
  return out;
}
