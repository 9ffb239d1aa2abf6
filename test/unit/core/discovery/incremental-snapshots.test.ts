import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { SnapshotDiagnostics } from '../../../../src/core/traces/incremental/snapshot-diagnostics';
import type { Task } from '../../../../src/core/traces/model';
import { agentIdFromFileName } from '../../../../src/core/traces/readers/claude-code';
import { ClaudeCodeSession } from '../../../../src/core/traces/readers/claude-code-session';
import { CodexSession } from '../../../../src/core/traces/readers/codex-cli-session';
import type { DiagnosticList, JsonlSession } from '../../../../src/core/traces/readers/jsonl-lines';
import { FIXTURES, SHARED_TRACES } from '../../helpers/shared';

/**
 * The live readers keep the tasks they handed out and build again only those a new line touched
 * (a response written over several lines, a subagent linked to its task later, compaction,
 * repeated ids). Checked against the plain definition: after each line, the snapshot of the session
 * fed line by line deep-equals a new session fed the same lines at once. Fixtures with subagents
 * linked (subagents-linked.jsonl), compaction and duplicates are included, and a made-up session
 * whose subagent calls are linked to their task only after they appear (they move to another task).
 */
const files = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, f));
type Line = { lineNo: number; obj: Record<string, unknown> };
const usage = (n: number) => ({ input_tokens: n, output_tokens: 10, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
const main = (uuid: string, type: string, content: unknown, extra: object = {}) => ({ type, uuid, isSidechain: false, message: { role: type, content }, ...extra });
const answer = (uuid: string, req: string, n: number, content: unknown[] = [{ type: 'text', text: 'ok' }], extra: object = {}) =>
  ({ type: 'assistant', uuid, requestId: req, isSidechain: false, message: { role: 'assistant', id: `msg-${req}`, model: 'claude-sonnet-4-5', content, usage: usage(n) }, ...extra });
const side = (uuid: string, parentUuid: string | null, extra: object) => ({ isSidechain: true, uuid, parentUuid, ...extra });
const LATE_LINKS: Record<string, unknown>[] = [
  main('h1', 'user', 'first request'),
  answer('a1', 'r1', 100, [{ type: 'tool_use', id: 'tu1', name: 'Task', input: { prompt: 'look around' } }]),
  main('h2', 'user', 'second request'),
  // a subagent thread with an unknown prompt: placed where it appears (task 2) ...
  side('s1', null, { type: 'user', message: { role: 'user', content: 'an unknown prompt' } }),
  side('s2', 's1', answer('s2', 'r2', 200, undefined, { agentId: 'ag1', isSidechain: true, parentUuid: 's1' })),
  // ... until the Task's result names its agent: the call moves to task 1
  main('t1', 'user', [{ type: 'tool_result', tool_use_id: 'tu1', content: 'done' }], { toolUseResult: { agentId: 'ag1' } }),
  side('s3', null, { type: 'user', message: { role: 'user', content: 'later prompt' } }),
  side('s4', 's3', answer('s4', 'r3', 300, undefined, { isSidechain: true, parentUuid: 's3' })),
  main('h3', 'user', 'third request'),
  // the Task that asked for 'later prompt' appears after its subagent ran: the call moves to task 3
  answer('a2', 'r4', 400, [{ type: 'tool_use', id: 'tu2', name: 'Task', input: { prompt: 'later prompt' } }]),
  // a second line of response r2, with its final usage
  side('s5', 's2', answer('s5', 'r2', 250, undefined, { agentId: 'ag1', isSidechain: true, parentUuid: 's2' })),
  answer('a2', 'r4', 999), // repeated uuid: counted once
];

const CASES: { file: string; make: (d: DiagnosticList) => JsonlSession; lines?: Line[] }[] = [
  { file: 'late-links (made up)', make: (d) => new ClaudeCodeSession(d, { fileAgentId: null }), lines: LATE_LINKS.map((obj, i) => ({ lineNo: i + 1, obj })) },
  ...[...files(join(SHARED_TRACES, 'claude-code')), ...files(resolve(FIXTURES, 'traces/claude-code'))].map((file) => ({
    file,
    make: (d: DiagnosticList) => new ClaudeCodeSession(d, { fileAgentId: agentIdFromFileName(basename(file)) }),
  })),
  ...[...files(join(SHARED_TRACES, 'codex-cli')), ...files(resolve(FIXTURES, 'traces/codex-cli')), ...files(resolve(FIXTURES, 'traces/codex-cli/fork'))].map((file) => ({
    file,
    make: (d: DiagnosticList) => new CodexSession(d),
  })),
];

function objects(file: string): { lineNo: number; obj: Record<string, unknown> }[] {
  const out: { lineNo: number; obj: Record<string, unknown> }[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    try {
      const v: unknown = JSON.parse(text);
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) out.push({ lineNo: i + 1, obj: v as Record<string, unknown> });
    } catch {
      // not a JSON object: the line rules (incremental-jsonl.ts) are tested elsewhere
    }
  });
  return out;
}

function snapshot(session: JsonlSession, diags: SnapshotDiagnostics): { tasks: Task[]; diagnostics: ReturnType<SnapshotDiagnostics['finish']> } {
  const mark = diags.mark();
  const tasks = session.finish();
  const diagnostics = diags.finish();
  diags.rewind(mark);
  return { tasks, diagnostics };
}

describe('live readers: the snapshot after each line equals a new read of the same lines', () => {
  for (const { file, make, lines: given } of CASES) {
    it(basename(file), () => {
      const lines = given ?? objects(file);
      const diags = new SnapshotDiagnostics();
      const live = make(diags);
      // every line of small files, about 150 snapshots of big ones (a new read per snapshot)
      const step = Math.max(1, Math.floor(lines.length / 150));
      let reused = 0;
      let prev: Task[] = [];
      lines.forEach(({ lineNo, obj }, i) => {
        live.add(lineNo, obj);
        if (i % step !== 0 && i !== lines.length - 1) return;
        const got = snapshot(live, diags);
        const freshDiags = new SnapshotDiagnostics();
        const fresh = make(freshDiags);
        for (const l of lines.slice(0, i + 1)) fresh.add(l.lineNo, l.obj);
        assert.deepEqual(got, snapshot(fresh, freshDiags), `after line ${lineNo}`);
        reused += got.tasks.filter((t) => prev.includes(t)).length;
        prev = got.tasks;
      });
      assert.ok(lines.length > 0);
      if (given) {
        // the made-up session ends with r2 in task 1 (linked by agent), r3 in task 3 (linked by prompt)
        const where = Object.fromEntries(prev.flatMap((t) => t.calls.map((c) => [c.id, t.id])));
        assert.deepEqual(where, { r1: 'turn-1', r2: 'turn-1', r3: 'turn-3', r4: 'turn-3' });
      }
      if (prev.length > 2) assert.ok(reused > 0, 'tasks no line touched are handed out again, not rebuilt');
    });
  }
});
