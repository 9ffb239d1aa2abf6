/** Helpers for the Claude Code and Codex reader tests: temp files, sample listing, line mutations. */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadResult } from '../../../../../src/core/traces/reader';
import { SHARED_TRACES } from '../../../helpers/shared';

export async function withTempFile(content: string | Buffer, fn: (path: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ac-reader-'));
  const p = join(dir, 'trace.jsonl');
  writeFileSync(p, content);
  try {
    await fn(p);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every file under ../shared/traces, recursively. */
export function allSharedTraces(dir = SHARED_TRACES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allSharedTraces(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const isCount = (v: number | null): boolean => v === null || (Number.isInteger(v) && v >= 0);

/** The invariants every read must keep, whatever the input. */
export function assertWellFormed(r: ReadResult): void {
  assert.ok(Array.isArray(r.tasks) && Array.isArray(r.diagnostics));
  for (const t of r.tasks) {
    assert.ok(t.calls.length > 0, 'no empty task');
    for (const c of t.calls) {
      const u = c.usage;
      assert.ok([u.inTotal, u.cacheRead, u.cacheWrite, u.output, u.reasoning].every(isCount), JSON.stringify(u));
      assert.equal(typeof c.lineage, 'string');
    }
  }
  for (const d of r.diagnostics) {
    assert.ok(['error', 'warning', 'info'].includes(d.severity));
    assert.ok(d.message.length > 0);
    assert.ok(d.line === null || (Number.isInteger(d.line) && d.line >= 1));
  }
}

function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  if (depth > 6 || typeof v !== 'object' || v === null) return out;
  for (const [k, child] of Object.entries(v)) {
    const p = [...prefix, Array.isArray(v) ? Number(k) : k];
    out.push(p);
    paths(child, p, out, depth + 1);
  }
  return out;
}

/** One mutation of a JSONL line: cut, a value replaced by another JSON value (often of another type), repeated, dropped, replaced. */
export function mutateLine(line: string, kind: number, at: number, value: unknown): string[] {
  switch (kind % 5) {
    case 0:
      return [line.slice(0, at % (line.length + 1))];
    case 1: {
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch {
        return [line];
      }
      const all = paths(obj);
      if (all.length === 0) return [JSON.stringify(value)];
      const path = all[at % all.length]!;
      let node = obj as Record<string | number, unknown>;
      for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
      node[path[path.length - 1]!] = value;
      return [JSON.stringify(obj)];
    }
    case 2:
      return [line, line];
    case 3:
      return [];
    default:
      return [JSON.stringify(value) ?? 'null'];
  }
}
