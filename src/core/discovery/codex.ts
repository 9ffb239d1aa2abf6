import { join } from 'node:path';
import { z } from 'zod';
import { entries, firstStringField, headLines, headText, parseJson } from './head';
import { insideAny } from './paths';
import type { DiscoveredSession } from './types';

/** session_meta carries the instructions (tens of KB); the cwd is in it or in the first turn_context. */
const HEAD_BYTES = 1024 * 1024;

const line = z.looseObject({
  timestamp: z.string().optional(),
  type: z.string().optional(),
  payload: z.looseObject({ id: z.string().optional(), timestamp: z.string().optional(), cwd: z.string().optional() }).optional(),
});

interface Head {
  cwd: string | null;
  sessionId: string | null;
  started: string | null;
}

/** Most rollouts record the cwd in their first few KB; only a long session_meta needs the larger read. */
const SMALL_HEAD_BYTES = 64 * 1024;

export async function codexHead(path: string): Promise<Head> {
  const small = await codexHeadWithin(path, SMALL_HEAD_BYTES);
  return small.cwd ? small : codexHeadWithin(path, HEAD_BYTES);
}

async function codexHeadWithin(path: string, maxBytes: number): Promise<Head> {
  const lines = await headLines(path, maxBytes, 50).catch(() => [] as string[]);
  const head: Head = { cwd: null, sessionId: null, started: null };
  for (const l of lines) {
    const r = line.safeParse(parseJson(l));
    if (!r.success) continue;
    const { type, payload } = r.data;
    if (type === 'session_meta') {
      head.sessionId ??= payload?.id ?? null;
      head.started ??= payload?.timestamp ?? r.data.timestamp ?? null;
    }
    if ((type === 'session_meta' || type === 'turn_context') && payload?.cwd) {
      head.cwd = payload.cwd;
      break;
    }
  }
  if (!head.cwd && lines.length === 0) {
    // a first line longer than the head: session_meta's cwd precedes its instructions
    const text = await headText(path, maxBytes).catch(() => '');
    if (text.includes('"session_meta"')) {
      head.cwd = firstStringField(text, 'cwd');
      head.sessionId = firstStringField(text, 'id');
    }
  }
  return head;
}

async function rollouts(dir: string, out: string[], depth = 0): Promise<void> {
  if (depth > 6) return;
  for (const e of await entries(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await rollouts(p, out, depth + 1);
    else if (e.isFile() && e.name.startsWith('rollout-') && e.name.endsWith('.jsonl')) out.push(p);
  }
}

/** Codex rollouts (`sessions/YYYY/MM/DD/`, `archived_sessions/`) whose recorded cwd is inside the workspace. */
export async function discoverCodex(codexHome: string, workspaces: readonly string[], platform: NodeJS.Platform): Promise<DiscoveredSession[]> {
  const files: string[] = [];
  await rollouts(join(codexHome, 'sessions'), files);
  await rollouts(join(codexHome, 'archived_sessions'), files);
  const out: DiscoveredSession[] = [];
  for (const path of files) {
    const h = await codexHead(path);
    if (!h.cwd || !insideAny(h.cwd, workspaces, platform)) continue;
    out.push({ agent: 'codex', path, sessionId: h.sessionId, started: h.started, title: null, subagent: false, cwd: h.cwd });
  }
  return out;
}
