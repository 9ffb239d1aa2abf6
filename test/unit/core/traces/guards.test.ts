// The small guards of issue 11: usage plausibility, unrendered values, terminal-safe text,
// prompt-file decoding and the shared folder walker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guardUsage, MAX_TOKENS_PER_CALL } from '../../../../src/core/traces/usage-guard';
import { guardUnrendered } from '../../../../src/core/traces/render-guard';
import { emptyUsage, type Call, type Task, type Usage } from '../../../../src/core/traces/model';
import { safeLine, safeText } from '../../../../src/cli/render';
import { readPromptText } from '../../../../src/core/traces/io';
import { walkFolder, skippedSummary } from '../../../../src/core/traces/walk';

function call(id: string, line: number, usage: Partial<Usage>, promptText = 'hi'): Call {
  return { id, lineage: 'main', model: 'm', provider: null, prompt: [{ role: 'user', text: promptText }], promptComplete: true, completion: null, usage: { ...emptyUsage(), ...usage }, isSubagent: false, line, timestamp: null };
}
const task = (calls: Call[]): Task => ({ id: 't', title: null, calls, line: null });

test('usage over the plausible maximum, non-finite or negative becomes unknown, with the call\'s line', () => {
  const t = task([
    call('ok', 1, { inTotal: MAX_TOKENS_PER_CALL, output: 10 }),
    call('inf', 2, { inTotal: Infinity, output: 10 }),
    call('big', 3, { inTotal: 100, output: 1e15 }),
    call('neg', 4, { cacheRead: -5 }),
    call('nan', 5, { reasoning: Number.NaN }),
  ]);
  const diags = guardUsage([t]);
  assert.deepEqual(t.calls.map((c) => c.usage.inTotal), [MAX_TOKENS_PER_CALL, null, null, null, null]);
  assert.ok(t.calls.slice(1).every((c) => c.usage.output === null && c.usage.cacheRead === null));
  assert.deepEqual(diags.map((d) => d.line), [2, 3, 4, 5]);
  assert.match(diags[0]!.message, /call inf: usage inTotal = Infinity/);
  assert.match(diags[1]!.message, /output = 1000000000000000/);
});

test('past ten calls the usage guard sums up the rest in one line', () => {
  const t = task(Array.from({ length: 25 }, (_, i) => call(`c${i}`, i + 1, { inTotal: 1e308 })));
  const diags = guardUsage([t]);
  assert.equal(diags.length, 11);
  assert.match(diags[10]!.message, /^15 more call/);
});

test('a prompt holding an unrendered-value marker is marked incomplete, with a warning', () => {
  const t = task([call('a', 7, {}, 'Tools:\n[unrenderable value]'), call('b', 8, {}, 'fine')]);
  const diags = guardUnrendered([t]);
  assert.equal(t.calls[0]!.promptComplete, false);
  assert.equal(t.calls[1]!.promptComplete, true);
  assert.equal(diags.length, 1);
  assert.equal(diags[0]!.line, 7);
});

test('terminal control characters and bidi overrides are shown escaped, layout kept', () => {
  assert.equal(safeText('a\u001b[2Jb\n\tc\u0007\u009b\u202e'), 'a\\u001b[2Jb\n\tc\\u0007\\u009b\\u202e');
  assert.equal(safeLine('x\ny\r'), 'x\\u000ay\\u000d');
  assert.equal(safeText('plain ünïcödé 中文'), 'plain ünïcödé 中文');
});

const dir = mkdtempSync(join(tmpdir(), 'agentcost-guards-'));

test('prompt files: UTF-16 by BOM is decoded, a UTF-8 BOM dropped, NUL bytes and FIFOs refused', async () => {
  const text = 'Hello, wörld 中\n';
  writeFileSync(join(dir, 'le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const be = Buffer.from(text, 'utf16le').swap16();
  writeFileSync(join(dir, 'be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  writeFileSync(join(dir, 'bom8.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
  writeFileSync(join(dir, 'nobom16.txt'), Buffer.from(text, 'utf16le'));
  execFileSync('mkfifo', [join(dir, 'fifo.txt')]);
  assert.deepEqual(await readPromptText(join(dir, 'le.txt')), { ok: true, text, encoding: 'utf-16le', invalidUtf8: false });
  assert.deepEqual(await readPromptText(join(dir, 'be.txt')), { ok: true, text, encoding: 'utf-16be', invalidUtf8: false });
  assert.deepEqual(await readPromptText(join(dir, 'bom8.txt')), { ok: true, text, encoding: 'utf-8', invalidUtf8: false });
  const nul = await readPromptText(join(dir, 'nobom16.txt'));
  assert.ok(!nul.ok && /NUL byte at offset 1/.test(nul.error));
  const fifo = await readPromptText(join(dir, 'fifo.txt'));
  assert.ok(!fifo.ok && /not a regular file \(FIFO\)/.test(fifo.error));
  const big = await readPromptText(join(dir, 'le.txt'), 10);
  assert.ok(!big.ok && /over the 10 B/.test(big.error));
});

test('the walker lists regular files, follows file links, and reports specials and linked folders', async () => {
  const root = join(dir, 'walk');
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  writeFileSync(join(root, 'a.jsonl'), '{}\n');
  writeFileSync(join(root, 'sub', 'b.jsonl'), '{}\n');
  writeFileSync(join(root, 'node_modules', 'c.jsonl'), '{}\n');
  symlinkSync(join(root, 'a.jsonl'), join(root, 'link-to-a.jsonl'));
  symlinkSync('/dev/zero', join(root, 'zero.jsonl'));
  symlinkSync(join(root, 'sub'), join(root, 'loop'));
  symlinkSync(join(root, 'missing'), join(root, 'dangling.jsonl'));
  execFileSync('mkfifo', [join(root, 'pipe.jsonl')]);
  const r = await walkFolder(root);
  assert.deepEqual(r.files, [join(root, 'a.jsonl'), join(root, 'link-to-a.jsonl'), join(root, 'sub', 'b.jsonl')]);
  const reasons = Object.fromEntries(r.skipped.map((s) => [s.path.slice(root.length + 1), `${s.reason}${s.detail ? ` (${s.detail})` : ''}`]));
  assert.deepEqual(reasons, {
    'dangling.jsonl': 'unreadable (ENOENT)',
    loop: 'linked folder not followed',
    'pipe.jsonl': 'not a regular file (FIFO)',
    'zero.jsonl': 'not a regular file (character device)',
  });
  assert.equal(skippedSummary(r.skipped), 'skipped 4 path(s): 1 unreadable, 1 linked folder not followed, 2 not a regular file');
  const only = await walkFolder(root, (n) => n.startsWith('b'));
  assert.deepEqual(only.files, [join(root, 'sub', 'b.jsonl')]);
});

test('a zip entry inflating over 500 times its packed size past 16 MiB is refused as a zip bomb; a normal one is read', async () => {
  const { ZipReader } = await import('../../../../src/core/traces/readers/inspect-ai-zip');
  const { zipOf } = await import('../../../hostile/corpus');
  const path = join(dir, 'bomb.zip');
  // 17 MiB of one byte packs to about 17 KB (deflate's ~1,030:1), far over the ratio
  writeFileSync(path, zipOf([{ name: 'run.json', data: Buffer.alloc(17 * 1024 * 1024, 'a') }, { name: 'small.json', data: Buffer.from('{"ok":true}') }]));
  const opened = await ZipReader.open(path, 1024 * 1024 * 1024);
  assert.ok(opened.ok);
  const [run, small] = opened.zip.entries;
  const bomb = await opened.zip.readText(run!, 256 * 1024 * 1024);
  assert.ok(!bomb.ok && /refused as a likely zip bomb/.test(bomb.error));
  const fine = await opened.zip.readText(small!, 256 * 1024 * 1024);
  assert.deepEqual(fine, { ok: true, text: '{"ok":true}', invalidUtf8: false });
  opened.zip.close();
});
