import { join } from 'node:path';
import { z } from 'zod';
import { entries, msToIso, readJsonFile } from './head';
import { insideAny } from './paths';
import type { AgentId, DiscoveredSession } from './types';

/** The VS Code extensions that keep Cline-style task folders (`tasks/<id>/ui_messages.json`) in their global storage. */
export const TASK_EXTENSIONS: readonly { id: string; agent: AgentId }[] = [
  { id: 'saoudrizwan.claude-dev', agent: 'cline' },
  { id: 'rooveterinaryinc.roo-cline', agent: 'roo-code' },
  { id: 'kilocode.kilo-code', agent: 'kilo-code' },
];

const historyItem = z.looseObject({
  id: z.string(),
  ts: z.number().optional(),
  task: z.string().optional(),
  /** Cline */
  cwdOnTaskInitialization: z.string().optional(),
  /** Roo Code, Kilo Code */
  workspace: z.string().optional(),
});
type HistoryItem = z.infer<typeof historyItem>;

function items(raw: unknown): HistoryItem[] {
  const list = Array.isArray(raw) ? raw : z.object({ entries: z.array(z.unknown()) }).safeParse(raw).data?.entries ?? [];
  return list.flatMap((x) => {
    const r = historyItem.safeParse(x);
    return r.success ? [r.data] : [];
  });
}

/**
 * What each task records about its workspace. The task folder itself does not say: Cline keeps it in
 * `state/taskHistory.json` (`cwdOnTaskInitialization`, since Aug 2025), Roo and Kilo in
 * `tasks/_index.json` and per-task `history_item.json` (`workspace`). Older versions kept the
 * history in VS Code's internal state database, which is not read.
 */
async function historyOf(root: string, taskIds: readonly string[]): Promise<Map<string, HistoryItem>> {
  const byId = new Map<string, HistoryItem>();
  for (const it of items(await readJsonFile(join(root, 'state', 'taskHistory.json'), 64 * 1024 * 1024))) byId.set(it.id, it);
  for (const it of items(await readJsonFile(join(root, 'tasks', '_index.json'), 64 * 1024 * 1024))) byId.set(it.id, it);
  for (const id of taskIds) {
    const r = historyItem.safeParse(await readJsonFile(join(root, 'tasks', id, 'history_item.json'), 1024 * 1024));
    if (r.success) byId.set(id, r.data);
  }
  return byId;
}

/** Task folders of one storage root whose recorded workspace is inside the workspace; counts the ones that record none. */
export async function discoverTaskRoot(root: string, agent: AgentId, workspaces: readonly string[], platform: NodeJS.Platform): Promise<{ sessions: DiscoveredSession[]; unrecorded: number }> {
  const tasksDir = join(root, 'tasks');
  const ids: string[] = [];
  for (const e of await entries(tasksDir)) {
    if (!e.isDirectory()) continue;
    const has = (await entries(join(tasksDir, e.name))).some((f) => f.isFile() && f.name === 'ui_messages.json');
    if (has) ids.push(e.name);
  }
  if (ids.length === 0) return { sessions: [], unrecorded: 0 };
  const history = await historyOf(root, ids);
  const sessions: DiscoveredSession[] = [];
  let unrecorded = 0;
  for (const id of ids) {
    const h = history.get(id);
    const cwd = h?.cwdOnTaskInitialization ?? h?.workspace ?? null;
    if (!cwd) {
      unrecorded++;
      continue;
    }
    if (!insideAny(cwd, workspaces, platform)) continue;
    // Cline's task id is Date.now() at creation; Roo's is a UUID
    const started = msToIso(h?.ts) ?? (/^\d{12,14}$/.test(id) ? msToIso(Number(id)) : null);
    sessions.push({ agent, path: join(tasksDir, id, 'ui_messages.json'), sessionId: id, started, title: h?.task ?? null, subagent: false, cwd });
  }
  return { sessions, unrecorded };
}

/** The global-storage folders of the task extensions, matched without regard to case (VS Code lower-cases ids). */
export async function taskRoots(vscodeUserDirs: readonly string[], clineDataDirs: readonly string[]): Promise<{ root: string; agent: AgentId }[]> {
  const roots: { root: string; agent: AgentId }[] = clineDataDirs.map((root) => ({ root, agent: 'cline' as const }));
  for (const user of vscodeUserDirs) {
    const global = join(user, 'globalStorage');
    for (const e of await entries(global)) {
      const ext = TASK_EXTENSIONS.find((x) => x.id === e.name.toLowerCase());
      if (ext && e.isDirectory()) roots.push({ root: join(global, e.name), agent: ext.agent });
    }
  }
  return roots;
}
