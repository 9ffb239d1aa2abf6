import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLines, probeFile } from '../../../../src/core/traces/io';

async function collect(path: string, max?: number) {
  const out = [];
  for await (const e of readLines(path, max)) out.push(e);
  return out;
}

test('readLines numbers lines, strips CR, keeps a truncated last line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ac-io-'));
  const p = join(dir, 'a.jsonl');
  writeFileSync(p, '{"a":1}\r\n\n{"b":2}\n{"c":');
  const lines = await collect(p);
  assert.deepEqual(lines, [
    { lineNo: 1, text: '{"a":1}', invalidUtf8: false },
    { lineNo: 2, text: '', invalidUtf8: false },
    { lineNo: 3, text: '{"b":2}', invalidUtf8: false },
    { lineNo: 4, text: '{"c":', invalidUtf8: false },
  ]);
});

test('readLines skips an over-long line and goes on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ac-io-'));
  const p = join(dir, 'b.jsonl');
  writeFileSync(p, 'short\n' + 'x'.repeat(5000) + '\nafter\n');
  const lines = await collect(p, 1000);
  assert.deepEqual(lines, [
    { lineNo: 1, text: 'short', invalidUtf8: false },
    { lineNo: 2, tooLong: 5000 },
    { lineNo: 3, text: 'after', invalidUtf8: false },
  ]);
});

test('readLines flags invalid UTF-8 and still decodes the line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ac-io-'));
  const p = join(dir, 'c.jsonl');
  writeFileSync(p, Buffer.from([0x7b, 0xff, 0x7d, 0x0a]));
  const [line] = await collect(p);
  assert.ok(line && 'text' in line && line.invalidUtf8);
});

test('probeFile reports binary content and first lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ac-io-'));
  const p = join(dir, 'd.bin');
  writeFileSync(p, Buffer.from([1, 2, 0, 3]));
  assert.equal((await probeFile(p)).binary, true);
  const q = join(dir, 'e.jsonl');
  writeFileSync(q, '{"x":1}\n{"y":2}\n');
  const probe = await probeFile(q);
  assert.deepEqual(probe.firstLines, ['{"x":1}', '{"y":2}']);
  assert.equal(probe.binary, false);
});
