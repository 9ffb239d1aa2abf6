import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO_ROOT } from '../unit/helpers/shared';
import { buildFakeHome } from '../unit/core/discovery/fake-home';

const CLI = join(REPO_ROOT, 'dist/cli.js');
const fake = buildFakeHome();
after(() => rmSync(fake.root, { recursive: true, force: true }));

function cli(args: string[], cwd = REPO_ROOT) {
  // only the fake home's variables: nothing of the real user's agents leaks in
  const env = { PATH: process.env.PATH ?? '', ...fake.env };
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Row {
  agent: string;
  path: string;
  sessionId: string | null;
  started: string | null;
  calls: number | null;
  cost: Record<string, number | null> | null;
}

describe('agentcost sessions on a fake home', () => {
  it('--json lists exactly the workspace\'s session files, one row each, with the documented fields', () => {
    const r = cli(['sessions', fake.workspace, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { sessions: Row[] };
    const expected = Object.values(fake.expected).flat().sort();
    assert.deepEqual(out.sessions.map((s) => s.path).sort(), expected);
    for (const s of out.sessions) for (const k of ['agent', 'path', 'sessionId', 'started', 'calls', 'cost']) assert.ok(k in s, k);
  });

  it('calls per Claude Code and Codex session equal the calls written into each file', () => {
    const out = JSON.parse(cli(['sessions', fake.workspace, '--json']).stdout) as { sessions: Row[] };
    for (const [path, n] of fake.calls) assert.equal(out.sessions.find((s) => s.path === path)?.calls, n, path);
  });

  it('prices a Claude Code session as billed: Sonnet 4.5 list prices over the usage written', () => {
    const out = JSON.parse(cli(['sessions', fake.workspace, '--json']).stdout) as { sessions: Row[] };
    const main = out.sessions.find((s) => s.sessionId === '11111111-aaaa' && !s.path.includes('subagents'))!;
    // by hand: request i has 10 uncached in ($3/M), 100 cache write ($3.75/M), 1000(i+1) cache read ($0.30/M), 50 out ($15/M)
    let expected = 0;
    for (let i = 0; i < 3; i++) expected += (10 * 3 + 100 * 3.75 + 1000 * (i + 1) * 0.3 + 50 * 15) / 1e6;
    assert.ok(main.cost && typeof main.cost.apiCachedObserved === 'number');
    assert.ok(Math.abs(main.cost.apiCachedObserved - expected) < 1e-12, `${main.cost.apiCachedObserved} vs ${expected}`);
  });

  it('defaults to the current directory; the text form names each agent; a missing folder is a usage error', () => {
    const text = cli(['sessions'], fake.workspace);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /Sessions of .*café app: 12/);
    for (const label of ['Claude Code', 'Codex', 'Gemini CLI', 'Qwen Code', 'OpenCode', 'Cline', 'Roo Code', 'Copilot Chat']) assert.ok(text.stdout.includes(label), label);
    const missing = cli(['sessions', join(fake.root, 'nope')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no such folder/);
  });

  it('analyze --sessions analyzes the same Claude Code and Codex files', () => {
    const r = cli(['analyze', '--sessions', fake.workspace, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { files: { path: string; format: string | null; tasks: { calls: number }[] }[] };
    for (const [path, n] of fake.calls) {
      const f = out.files.find((x) => x.path === path);
      assert.ok(f, path);
      assert.equal(f.tasks.reduce((s, t) => s + t.calls, 0), n, path);
    }
    assert.ok(out.files.every((f) => Object.values(fake.expected).flat().includes(f.path)));
  });
});
