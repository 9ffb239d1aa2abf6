// The built CLI on every hostile case of test/hostile/corpus.ts (issue 11), under a 512 MB heap:
// no signal death, no exit 2, the expected exit code, and the diagnostic naming the file (and line
// where one applies). The time limit only guards against a hang; speed and memory are measured by
// bench/hostile.ts (BENCHMARKS/SECURITY.md), never asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeCorpus } from '../hostile/corpus';

const CLI = resolve(__dirname, '../../dist/cli.js');
const HANG_GUARD_MS = 300_000;

const dir = mkdtempSync(join(tmpdir(), 'agentcost-hostile-'));
const cases = writeCorpus(dir, 'test');
test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const c of cases) {
  test(`hostile: ${c.name}`, () => {
    const r = spawnSync(process.execPath, ['--max-old-space-size=512', CLI, ...c.args], { encoding: 'utf8', timeout: HANG_GUARD_MS, maxBuffer: 64 * 1024 * 1024 });
    const out = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.signal, null, `killed by ${r.signal}: ${out.slice(0, 2000)}`);
    assert.notEqual(r.status, 2, out.slice(0, 2000));
    assert.equal(r.status, c.exit, out.slice(0, 2000));
    for (const re of c.expect) assert.match(out, re);
    // nothing a terminal would act on reaches the screen
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(r.stdout, /[\u001b\u0007\u009b]/);
  });
}
