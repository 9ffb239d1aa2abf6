/**
 * The built CLI, spawned once per command kind: dist/cli.js starts, prints JSON, and exits with the
 * documented codes. Everything else about the CLI runs in-process in test/unit (no dist/ needed);
 * this group builds first (`npm run test:dist`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../unit/helpers/shared';

const CLI = join(REPO_ROOT, 'dist/cli.js');
const cli = (...args: string[]) => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: `npm run test:dist` builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: REPO_ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('dist/cli.js: analyze and prompt print JSON, exit 0; a user error exits 1 naming it', () => {
  const a = cli('analyze', 'test/fixtures/examples/claude-code-session.jsonl', '--json');
  assert.equal(a.code, 0, a.stderr);
  // test/fixtures/examples/claude-code-session.jsonl: two human turns, 5 and 3 calls
  assert.deepEqual(JSON.parse(a.stdout).files[0].tasks.map((t: { calls: number }) => t.calls), [5, 3]);
  const p = cli('prompt', 'test/fixtures/examples/prompts/system-prompt.md', '--k', '3', '--json');
  assert.equal(p.code, 0, p.stderr);
  assert.equal(JSON.parse(p.stdout).k, 3);
  const bad = cli('agentic', '--utilization', '1.5');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /utilization/);
});
