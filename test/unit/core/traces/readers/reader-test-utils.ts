/** Helpers shared by the reader tests of whole-JSON formats (tau2-bench, mini-swe-agent, SWE-agent, OpenHands). */
import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES } from '../../../../../src/core/traces/io';
import type { Call, Usage } from '../../../../../src/core/traces/model';
import type { ReadLimits, ReadResult, TraceReader } from '../../../../../src/core/traces/reader';
import { SHARED_TRACES } from '../../../helpers/shared';

export const LIMITS: ReadLimits = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };

export const calls = (r: ReadResult): Call[] => r.tasks.flatMap((t) => t.calls);
export const sum = (cs: Call[], k: keyof Omit<Usage, 'source'>) => cs.reduce((a, c) => a + (c.usage[k] ?? 0), 0);
export const errors = (r: ReadResult) => r.diagnostics.filter((d) => d.severity === 'error');

export function allTraceFiles(dir = SHARED_TRACES): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? allTraceFiles(join(dir, f)) : [join(dir, f)]));
}

/** What any read result must be, whatever the input: diagnostics with a severity and a 1-based line, usage null or a whole number ≥ 0, something said. */
export function assertWellFormed(r: ReadResult): void {
  assert.ok(Array.isArray(r.tasks) && Array.isArray(r.diagnostics));
  for (const d of r.diagnostics) {
    assert.ok(['error', 'warning', 'info'].includes(d.severity));
    assert.ok(d.message.length > 0);
    assert.ok(d.line === null || (Number.isInteger(d.line) && d.line >= 1));
  }
  for (const c of calls(r)) {
    for (const k of ['inTotal', 'cacheRead', 'cacheWrite', 'output', 'reasoning'] as const) {
      const v = c.usage[k];
      assert.ok(v === null || (Number.isInteger(v) && v >= 0));
    }
  }
  assert.ok(r.tasks.length > 0 || r.diagnostics.length > 0);
}

/** Arbitrary bytes or arbitrary JSON written to `path`: never a throw, always a well-formed result. */
export async function fuzzArbitraryInput(reader: TraceReader, path: string, numRuns = 150): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)), fc.jsonValue().map((v) => JSON.stringify(v) ?? '')), async (data) => {
      writeFileSync(path, data);
      assertWellFormed(await reader.read(path, LIMITS));
    }),
    { numRuns },
  );
}

/** A whole-JSON document cut anywhere: its first error is invalid JSON, naming its line. */
export async function fuzzTruncatedDocument(reader: TraceReader, path: string, text: string, numRuns = 30): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: text.length - 2 }), async (cut) => {
      writeFileSync(path, text.slice(0, cut));
      const r = await reader.read(path, LIMITS);
      assertWellFormed(r);
      const first = errors(r)[0];
      assert.ok(first && /invalid JSON/.test(first.message) && first.line !== null, JSON.stringify(r.diagnostics));
    }),
    { numRuns },
  );
}
