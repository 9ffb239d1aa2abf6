import { join } from 'node:path';
import { z } from 'zod';
import { entries, firstStringField, headLines, headText, parseJson } from './head';
import { claudeDirMatches, insideAny } from './paths';
import type { DiscoveredSession } from './types';

/** The first lines seen here are small (cwd comes in the first user line); a pasted prompt can make them long. */
const HEAD_BYTES = 256 * 1024;

const headLine = z.looseObject({
  type: z.string().optional(),
  cwd: z.string().optional(),
  sessionId: z.string().optional(),
  timestamp: z.string().optional(),
  summary: z.string().optional(),
});

interface Head {
  cwd: string | null;
  sessionId: string | null;
  started: string | null;
  title: string | null;
}

/** Where a transcript ran, from its first lines: the first line that records a cwd (summary lines come first and record none). */
export async function claudeHead(path: string): Promise<Head> {
  const lines = await headLines(path, HEAD_BYTES).catch(() => [] as string[]);
  const head: Head = { cwd: null, sessionId: null, started: null, title: null };
  for (const line of lines) {
    const r = headLine.safeParse(parseJson(line));
    if (!r.success) continue;
    if (r.data.type === 'summary' && r.data.summary && !head.title) head.title = r.data.summary;
    head.sessionId ??= r.data.sessionId ?? null;
    head.started ??= r.data.timestamp ?? null;
    if (r.data.cwd) {
      head.cwd = r.data.cwd;
      break;
    }
  }
  return head;
}

async function sessionFiles(projectDir: string): Promise<{ path: string; subagent: boolean }[]> {
  const out: { path: string; subagent: boolean }[] = [];
  for (const e of await entries(projectDir)) {
    const p = join(projectDir, e.name);
    if (e.isFile() && e.name.endsWith('.jsonl')) out.push({ path: p, subagent: e.name.startsWith('agent-') });
    else if (e.isDirectory()) {
      // v2: <sessionId>/subagents/agent-<id>.jsonl
      for (const s of await entries(join(p, 'subagents'))) {
        if (s.isFile() && s.name.endsWith('.jsonl')) out.push({ path: join(p, 'subagents', s.name), subagent: true });
      }
    }
  }
  return out;
}

/**
 * Claude Code sessions of the workspace: `projects/<encoded cwd>/` folders that can belong to it
 * (the workspace or a folder inside it), then each file kept only if the cwd it records is inside
 * the workspace (the folder name is lossy: `/a/b c` and `/a/b-c` share one).
 */
export async function discoverClaudeCode(configDirs: readonly string[], workspaces: readonly string[], platform: NodeJS.Platform): Promise<DiscoveredSession[]> {
  const out: DiscoveredSession[] = [];
  const seen = new Set<string>();
  for (const config of configDirs) {
    const projects = join(config, 'projects');
    for (const d of await entries(projects)) {
      if (!d.isDirectory() || !claudeDirMatches(d.name, workspaces)) continue;
      for (const f of await sessionFiles(join(projects, d.name))) {
        if (seen.has(f.path)) continue;
        seen.add(f.path);
        const head = await claudeHead(f.path);
        const cwd = head.cwd ?? (await longFirstLineCwd(f.path));
        if (!cwd || !insideAny(cwd, workspaces, platform)) continue;
        out.push({ agent: 'claude-code', path: f.path, sessionId: head.sessionId, started: head.started, title: head.title, subagent: f.subagent, cwd });
      }
    }
  }
  return out;
}

/** A first line longer than the head: its top-level `cwd` precedes `message`, so the raw head still shows it. */
async function longFirstLineCwd(path: string): Promise<string | null> {
  const text = await headText(path, HEAD_BYTES).catch(() => '');
  return text.includes('\n') ? null : firstStringField(text, 'cwd');
}
