import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { entries, msToIso, readJsonFile } from './head';
import { insideAny } from './paths';
import type { DiscoveredSession } from './types';

const sessionInfo = z.looseObject({
  id: z.string(),
  directory: z.string(),
  title: z.string().optional(),
  parentID: z.string().optional(),
  time: z.looseObject({ created: z.number().optional() }).optional(),
});

/**
 * OpenCode's legacy JSON store (versions up to 1.1.x): `storage/session/<projectID>/<sessionID>.json`
 * records the session's `directory`. Current versions keep sessions in SQLite (`opencode.db`),
 * which is not read: a note says so when the file is there.
 */
export async function discoverOpenCode(dataDir: string, workspaces: readonly string[], platform: NodeJS.Platform): Promise<{ sessions: DiscoveredSession[]; notes: string[] }> {
  const root = join(dataDir, 'storage', 'session');
  const sessions: DiscoveredSession[] = [];
  for (const project of await entries(root)) {
    if (!project.isDirectory()) continue;
    for (const f of await entries(join(root, project.name))) {
      if (!f.isFile() || !f.name.endsWith('.json')) continue;
      const path = join(root, project.name, f.name);
      const r = sessionInfo.safeParse(await readJsonFile(path, 1024 * 1024));
      if (!r.success || !insideAny(r.data.directory, workspaces, platform)) continue;
      sessions.push({
        agent: 'opencode',
        path,
        sessionId: r.data.id,
        started: msToIso(r.data.time?.created),
        title: r.data.title ?? null,
        subagent: r.data.parentID !== undefined,
        cwd: r.data.directory,
      });
    }
  }
  const db = join(dataDir, 'opencode.db');
  const notes = (await stat(db).catch(() => null))?.isFile() ? [`OpenCode's SQLite store ${db} is not read (only the JSON store of OpenCode 1.1 and older is).`] : [];
  return { sessions, notes };
}
