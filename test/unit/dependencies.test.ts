// Offline dependency check (issue 11 item 9): every package version in package-lock.json is
// compared with a pinned list of known advisories (test/security/advisories.json). Why a pinned
// list: `npm audit --offline` needs the registry and silently reports 0 without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Advisories = z.object({
  checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  advisories: z.array(z.object({ id: z.string().min(1), package: z.string().min(1), introduced: z.string(), fixed: z.string().nullable(), source: z.string().min(1) })),
});

/** Compares x.y.z versions (a pre-release suffix sorts before its release, as in semver). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split('-', 2) as [string, string | undefined];
    return { nums: core.split('.').map((n) => Number(n)), pre: pre ?? null };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === null) return 1;
  if (y.pre === null) return -1;
  return x.pre < y.pre ? -1 : 1;
}

function lockedVersions(): Array<{ name: string; version: string; where: string }> {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string }> };
  const out: Array<{ name: string; version: string; where: string }> = [];
  for (const [where, p] of Object.entries(lock.packages)) {
    const at = where.lastIndexOf('node_modules/');
    if (at === -1 || p.version === undefined) continue;
    out.push({ name: where.slice(at + 'node_modules/'.length), version: p.version, where });
  }
  return out;
}

test('the version comparison orders releases and pre-releases', () => {
  assert.equal(compareVersions('3.2.0', '3.2.1'), -1);
  assert.equal(compareVersions('3.10.0', '3.9.9'), 1);
  assert.equal(compareVersions('1.0.0-rc.1', '1.0.0'), -1);
  assert.equal(compareVersions('2.0.0', '2.0.0'), 0);
});

test('no package in package-lock.json is in a known advisory\'s affected range', () => {
  const list = Advisories.parse(JSON.parse(readFileSync('test/security/advisories.json', 'utf8')));
  const locked = lockedVersions();
  assert.ok(locked.length > 50, 'the lock file lists the installed packages');
  const hits: string[] = [];
  for (const a of list.advisories) {
    for (const p of locked) {
      if (p.name !== a.package) continue;
      const affected = compareVersions(p.version, a.introduced) >= 0 && (a.fixed === null || compareVersions(p.version, a.fixed) < 0);
      if (affected) hits.push(`${p.where}@${p.version}: ${a.id} (fixed in ${a.fixed ?? 'no release yet'})`);
    }
  }
  assert.deepEqual(hits, []);
});

test('the check would catch yauzl 3.2.0 (the advisory that started this list)', () => {
  const list = Advisories.parse(JSON.parse(readFileSync('test/security/advisories.json', 'utf8')));
  const a = list.advisories.find((x) => x.id === 'GHSA-gmq8-994r-jv83');
  assert.ok(a);
  assert.ok(compareVersions('3.2.0', a.introduced) >= 0 && compareVersions('3.2.0', a.fixed ?? '') < 0);
});
