import { join } from 'node:path';
import { z } from 'zod';
import { entries, firstNumberField, firstStringField, headText, msToIso, readJsonFile } from './head';
import { fileUriToPath, insideAny } from './paths';
import type { DiscoveredSession } from './types';

const HEAD_BYTES = 64 * 1024;
const workspaceJson = z.looseObject({ folder: z.string().optional() });

/**
 * Copilot Chat sessions: `workspaceStorage/<hash>/chatSessions/<id>.json[l]`, where the hash folder's
 * `workspace.json` names the folder it belongs to (`{"folder": "file:///…"}`). Multi-root
 * (`.code-workspace`) and remote (`vscode-remote://`) entries are not matched.
 */
export async function discoverCopilotChat(vscodeUserDirs: readonly string[], workspaces: readonly string[], platform: NodeJS.Platform): Promise<DiscoveredSession[]> {
  const out: DiscoveredSession[] = [];
  for (const user of vscodeUserDirs) {
    const storage = join(user, 'workspaceStorage');
    for (const h of await entries(storage)) {
      if (!h.isDirectory()) continue;
      const ws = workspaceJson.safeParse(await readJsonFile(join(storage, h.name, 'workspace.json'), 64 * 1024));
      const folder = ws.success && ws.data.folder ? fileUriToPath(ws.data.folder, platform) : null;
      if (!folder || !insideAny(folder, workspaces, platform)) continue;
      const chats = join(storage, h.name, 'chatSessions');
      for (const f of await entries(chats)) {
        if (!f.isFile() || !(f.name.endsWith('.json') || f.name.endsWith('.jsonl'))) continue;
        const path = join(chats, f.name);
        const text = await headText(path, HEAD_BYTES).catch(() => '');
        out.push({
          agent: 'copilot-chat',
          path,
          sessionId: firstStringField(text, 'sessionId') ?? f.name.replace(/\.jsonl?$/, ''),
          started: msToIso(firstNumberField(text, 'creationDate')),
          title: firstStringField(text, 'customTitle'),
          subagent: false,
          cwd: folder,
        });
      }
    }
  }
  return out;
}
