/**
 * A fake home folder with sessions of every agent discovery knows, for one workspace whose path has
 * spaces and non-ASCII characters, plus decoys: other projects, a sibling that shares the workspace's
 * name prefix, and a path that Claude Code encodes to the very same `projects/` folder name.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface FakeHome {
  root: string;
  home: string;
  workspace: string;
  /** Every session file that belongs to the workspace, by agent (written below, listed by hand). */
  expected: Record<string, string[]>;
  /** Calls written into each expected Claude Code / Codex file (counted where they are written). */
  calls: Map<string, number>;
  env: Record<string, string>;
}

function write(path: string, content: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const jsonl = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

/** A Claude Code transcript: one user prompt, then `requests` API responses (each written as two content-block lines). */
export function claudeTranscript(cwd: string, sessionId: string, requests: number, opts: { sidechain?: boolean; summaryFirst?: boolean } = {}): string {
  const lines: unknown[] = [];
  if (opts.summaryFirst) lines.push({ type: 'summary', summary: 'Fix the parser', leafUuid: 'u-last' });
  const base = { cwd, sessionId, version: '2.0.76', userType: 'external', isSidechain: opts.sidechain ?? false, gitBranch: 'main' };
  lines.push({ ...base, type: 'user', uuid: 'u0', parentUuid: null, timestamp: '2026-03-01T10:00:00.000Z', message: { role: 'user', content: 'fix the parser please' } });
  for (let i = 0; i < requests; i++) {
    const usage = { input_tokens: 10, cache_creation_input_tokens: 100, cache_read_input_tokens: 1000 * (i + 1), output_tokens: 50 };
    for (const [j, block] of [{ type: 'text', text: 'ok' }, { type: 'tool_use', id: `t${i}`, name: 'Read', input: { file_path: 'a.ts' } }].entries()) {
      lines.push({ ...base, type: 'assistant', uuid: `a${i}-${j}`, parentUuid: 'u0', requestId: `req_${sessionId}${opts.sidechain ? "_side" : ""}_${i}`, timestamp: `2026-03-01T10:0${i}:0${j}.000Z`, message: { id: `msg_${sessionId}${opts.sidechain ? "_side" : ""}_${i}`, model: 'claude-sonnet-4-5-20250929', role: 'assistant', type: 'message', content: [block], stop_reason: j === 1 ? 'tool_use' : null, usage } });
    }
    lines.push({ ...base, type: 'user', uuid: `r${i}`, parentUuid: `a${i}-1`, timestamp: `2026-03-01T10:0${i}:30.000Z`, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `t${i}`, content: 'file text' }] } });
  }
  return jsonl(lines);
}

/** A Codex rollout: session_meta, one user message, `calls` token_count events (each emitted twice, as Codex does). */
export function codexRollout(cwd: string, id: string, calls: number): string {
  const lines: unknown[] = [
    { timestamp: '2026-03-02T09:00:00.000Z', type: 'session_meta', payload: { id, timestamp: '2026-03-02T09:00:00.000Z', cwd, originator: 'codex_cli_rs', cli_version: '0.60.1', instructions: null, source: 'cli', model_provider: 'openai' } },
    { timestamp: '2026-03-02T09:00:01.000Z', type: 'turn_context', payload: { cwd, approval_policy: 'on-request', model: 'gpt-5.1-codex-max', effort: 'medium', summary: 'auto' } },
    { timestamp: '2026-03-02T09:00:01.000Z', type: 'event_msg', payload: { type: 'user_message', message: 'add a test', images: [] } },
  ];
  const total = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };
  for (let i = 0; i < calls; i++) {
    const last = { input_tokens: 3000 + i * 500, cached_input_tokens: 2048 + i * 500, output_tokens: 120, reasoning_output_tokens: 40, total_tokens: 3120 + i * 500 };
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += last[k];
    const ev = { timestamp: `2026-03-02T09:0${i + 1}:00.000Z`, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: { ...total }, last_token_usage: last, model_context_window: 272000 }, rate_limits: null } };
    lines.push(ev, ev);
  }
  return jsonl(lines);
}

export function buildFakeHome(): FakeHome {
  const root = mkdtempSync(join(tmpdir(), 'ac-discovery-'));
  const home = join(root, 'home', 'zoë');
  const projects = join(root, 'Projets clients');
  const workspace = join(projects, 'café app'); // Claude Code folder: ...-Projets-clients-caf--app
  const twin = join(projects, 'caf\u00e9-app'); // a different folder with the very same Claude Code folder name
  const sibling = join(projects, 'café app-old'); // shares the workspace's name as a prefix, not inside it
  const other = join(root, 'elsewhere');
  const sub = join(workspace, 'packages', 'core');
  const expected: Record<string, string[]> = {};
  const calls = new Map<string, number>();
  const add = (agent: string, p: string, n?: number) => {
    (expected[agent] ??= []).push(p);
    if (n !== undefined) calls.set(p, n);
    return p;
  };
  const enc = (p: string) => p.replace(/[^a-zA-Z0-9]/g, '-');

  // Claude Code, in two config folders (CLAUDE_CONFIG_DIR=a,b)
  const claudeA = join(root, 'claude-a');
  const claudeB = join(root, 'claude-b');
  const wsDir = join(claudeA, 'projects', enc(workspace));
  if (enc(twin) !== enc(workspace)) throw new Error('the twin decoy must share the folder name');
  add('claude-code', write(join(wsDir, '11111111-aaaa.jsonl'), claudeTranscript(workspace, '11111111-aaaa', 3, { summaryFirst: true })), 3);
  add('claude-code', write(join(wsDir, '11111111-aaaa', 'subagents', 'agent-x1.jsonl'), claudeTranscript(workspace, '11111111-aaaa', 2, { sidechain: true })), 2);
  write(join(wsDir, '22222222-twin.jsonl'), claudeTranscript(twin, '22222222-twin', 4)); // decoy: same folder, other cwd
  write(join(wsDir, '33333333-nocwd.jsonl'), jsonl([{ type: 'summary', summary: 'x', leafUuid: 'y' }])); // records no cwd: cannot be confirmed
  add('claude-code', write(join(claudeB, 'projects', enc(sub), '44444444-sub.jsonl'), claudeTranscript(sub, '44444444-sub', 1)), 1);
  write(join(claudeB, 'projects', enc(sibling), '55555555-sib.jsonl'), claudeTranscript(sibling, '55555555-sib', 2));
  write(join(claudeB, 'projects', enc(other), '66666666-oth.jsonl'), claudeTranscript(other, '66666666-oth', 2));
  // the default ~/.claude is not looked at when CLAUDE_CONFIG_DIR is set
  write(join(home, '.claude', 'projects', enc(workspace), '77777777-default.jsonl'), claudeTranscript(workspace, '77777777-default', 1));

  // Codex (CODEX_HOME)
  const codex = join(root, 'codex-home');
  add('codex', write(join(codex, 'sessions', '2026', '03', '02', 'rollout-2026-03-02T09-00-00-aaaa.jsonl'), codexRollout(workspace, 'aaaa', 2)), 2);
  add('codex', write(join(codex, 'archived_sessions', 'rollout-2026-02-01T09-00-00-bbbb.jsonl'), codexRollout(sub, 'bbbb', 1)), 1);
  write(join(codex, 'sessions', '2026', '03', '02', 'rollout-2026-03-02T10-00-00-cccc.jsonl'), codexRollout(sibling, 'cccc', 2));
  write(join(codex, 'sessions', '2026', '03', '03', 'rollout-2026-03-03T10-00-00-dddd.jsonl'), codexRollout(twin, 'dddd', 2));
  write(join(codex, 'sessions', '2026', '03', '03', 'notes.jsonl'), codexRollout(workspace, 'eeee', 1)); // not a rollout name

  // Gemini CLI: a legacy sha256 folder and a current slug folder (projects.json + .project_root)
  const gemini = join(home, '.gemini');
  const sha = (p: string) => createHash('sha256').update(p).digest('hex');
  add('gemini-cli', write(join(gemini, 'tmp', sha(workspace), 'chats', 'session-2026-03-01T10-00-abcd1234.json'), JSON.stringify({ sessionId: 'abcd1234-full', projectHash: sha(workspace), startTime: '2026-03-01T10:00:00.000Z', lastUpdated: '2026-03-01T10:05:00.000Z', messages: [] }, null, 2)));
  add('gemini-cli', write(join(gemini, 'tmp', 'core', 'chats', 'session-2026-03-04T10-00-ef012345.jsonl'), jsonl([{ sessionId: 'ef012345-full', projectHash: 'x', startTime: '2026-03-04T10:00:00.000Z', lastUpdated: '2026-03-04T10:00:00.000Z', kind: 'main' }])));
  write(join(gemini, 'tmp', 'core', '.project_root'), sub);
  write(join(gemini, 'tmp', 'twin', '.project_root'), twin);
  write(join(gemini, 'tmp', 'twin', 'chats', 'session-2026-03-04T11-00-99999999.jsonl'), jsonl([{ sessionId: '99999999', projectHash: 'y', startTime: '2026-03-04T11:00:00.000Z' }]));
  write(join(gemini, 'tmp', sha(other), 'chats', 'session-2026-03-05T10-00-88888888.json'), JSON.stringify({ sessionId: '88888888', startTime: '2026-03-05T10:00:00.000Z', messages: [] }));
  write(join(gemini, 'projects.json'), JSON.stringify({ projects: { [sub]: 'core', [twin]: 'twin' } }));

  // Qwen Code
  const qwenChat = (cwd: string, id: string) => jsonl([{ uuid: 'q1', parentUuid: null, sessionId: id, timestamp: '2026-03-06T08:00:00.000Z', type: 'user', cwd, version: '0.1.0', message: { role: 'user', parts: [{ text: 'hi' }] } }]);
  add('qwen-code', write(join(home, '.qwen', 'projects', enc(workspace), 'chats', 'qwen-1.jsonl'), qwenChat(workspace, 'qwen-1')));
  write(join(home, '.qwen', 'projects', enc(workspace), 'chats', 'qwen-twin.jsonl'), qwenChat(twin, 'qwen-twin'));

  // OpenCode legacy JSON store (XDG_DATA_HOME unset: ~/.local/share/opencode)
  const oc = join(home, '.local', 'share', 'opencode', 'storage', 'session');
  add('opencode', write(join(oc, 'proj1', 'ses_ws.json'), JSON.stringify({ id: 'ses_ws', directory: workspace, title: 'Refactor', time: { created: 1772791200000, updated: 1772791300000 } })));
  write(join(oc, 'proj2', 'ses_twin.json'), JSON.stringify({ id: 'ses_twin', directory: twin, title: 'Other', time: { created: 1772791200000 } }));
  write(join(oc, 'proj2', 'ses_bad.json'), '{"id": "ses_bad", "directory": '); // cut file: skipped

  // Cline in VS Code's global storage (Linux: ~/.config/Code/User), and Roo Code with per-task history_item.json
  const user = join(home, '.config', 'Code', 'User');
  const cline = join(user, 'globalStorage', 'saoudrizwan.claude-dev');
  add('cline', write(join(cline, 'tasks', '1772791200000', 'ui_messages.json'), '[]'));
  write(join(cline, 'tasks', '1772791300000', 'ui_messages.json'), '[]'); // other project
  write(join(cline, 'tasks', '1772791400000', 'ui_messages.json'), '[]'); // no workspace recorded
  write(join(cline, 'state', 'taskHistory.json'), JSON.stringify([
    { id: '1772791200000', ts: 1772791200000, task: 'Add login', tokensIn: 1, tokensOut: 1, totalCost: 0, cwdOnTaskInitialization: workspace },
    { id: '1772791300000', ts: 1772791300000, task: 'Other', tokensIn: 1, tokensOut: 1, totalCost: 0, cwdOnTaskInitialization: other },
  ]));
  const roo = join(user, 'globalStorage', 'rooveterinaryinc.roo-cline', 'tasks');
  add('roo-code', write(join(roo, '0b6c7e4e-roo', 'ui_messages.json'), '[]'));
  write(join(roo, '0b6c7e4e-roo', 'history_item.json'), JSON.stringify({ id: '0b6c7e4e-roo', ts: 1772791500000, task: 'Roo task', workspace: sub }));

  // Copilot Chat in workspace storage; workspace.json holds the folder's file URI (percent-encoded)
  const wsStorage = join(user, 'workspaceStorage');
  write(join(wsStorage, 'h1', 'workspace.json'), JSON.stringify({ folder: pathToFileURL(workspace).href }));
  add('copilot-chat', write(join(wsStorage, 'h1', 'chatSessions', 'c0ffee.json'), JSON.stringify({ version: 3, sessionId: 'c0ffee', creationDate: 1772791600000, requesterUsername: 'z', responderUsername: 'GitHub Copilot', requests: [] })));
  write(join(wsStorage, 'h2', 'workspace.json'), JSON.stringify({ folder: pathToFileURL(twin).href }));
  write(join(wsStorage, 'h2', 'chatSessions', 'decaf.json'), JSON.stringify({ version: 3, sessionId: 'decaf', requests: [] }));

  mkdirSync(workspace, { recursive: true });
  const env = { HOME: home, CLAUDE_CONFIG_DIR: `${claudeA},${claudeB}`, CODEX_HOME: codex };
  return { root, home, workspace, expected, calls, env };
}
