import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildCatalog } from '../../../../src/core/catalog/load';
import { analyzeFile, type AnalyzeOptions } from '../../../../src/core/inference/analyze';
import { traceModelPricing } from '../../../../src/core/inference/pricing';
import { resolveScenario } from '../../../../src/core/scenario';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES } from '../../../../src/core/traces/io';
import { IncrementalJsonl } from '../../../../src/core/traces/incremental/incremental-jsonl';
import { LiveAnalysis } from '../../../../src/core/traces/incremental/live-analysis';
import { readers } from '../../../../src/core/traces/readers';
import { readClaudeCode } from '../../../../src/core/traces/readers/claude-code';
import { ClaudeCodeSession } from '../../../../src/core/traces/readers/claude-code-session';
import { sharedTrace } from '../../helpers/shared';

const dir = mkdtempSync(join(tmpdir(), 'ac-incremental-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const cat = buildCatalog([]);
const opts: AnalyzeOptions = {
  readers,
  tokenizer: () => Promise.reject(new Error('these formats record usage: no tokenizer')),
  priceOf: traceModelPricing(cat).priceOf,
  selfHost: resolveScenario(cat).selfHost,
};

const SAMPLES = [
  'claude-code/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl',
  'claude-code/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl',
  'claude-code/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl',
  'claude-code/agent-test-hash-123.jsonl',
  'claude-code/sidechain_integrated.jsonl',
  'claude-code/entire-cli__a6e4c2a0fbd1__full.jsonl',
  'codex-cli/exported-session.jsonl',
  'codex-cli/openclaw-agent__codex-session.vscode.jsonl',
];

/** Deterministic cut points (a small LCG), many of them inside lines and inside multi-byte characters. */
function cuts(size: number, n: number, seed: number): number[] {
  let x = seed;
  const out = new Set<number>();
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.add(1 + (x % (size - 1)));
  }
  return [...out].sort((a, b) => a - b);
}

describe('live analysis: appended in pieces, then read incrementally = a full read of the final file', () => {
  for (const rel of SAMPLES) {
    it(rel, async () => {
      const bytes = readFileSync(sharedTrace(rel));
      const path = join(dir, basename(rel));
      writeFileSync(path, '');
      const live = new LiveAnalysis(path, opts);
      let prev = 0;
      let parsed = 0;
      for (const at of [...cuts(bytes.length, 25, bytes.length), bytes.length]) {
        appendFileSync(path, bytes.subarray(prev, at));
        prev = at;
        const u = await live.update();
        if (u.mode === 'incremental') parsed += u.bytesRead;
        // midway: equal to a full read of the part written so far, up to its last complete line
        const complete = bytes.subarray(0, bytes.lastIndexOf(0x0a, at - 1) + 1);
        if (at !== bytes.length && complete.length > 0 && u.analysis.format !== null) {
          const ref = join(dir, 'ref-' + basename(rel));
          writeFileSync(ref, complete);
          const full = await analyzeFile(ref, opts);
          assert.deepEqual({ ...u.analysis, path: ref }, full, `after ${at} bytes`);
        }
      }
      const final = await live.update();
      assert.equal(final.changed, false, 'nothing appended: nothing re-read');
      assert.deepEqual(final.analysis, await analyzeFile(path, opts));
      assert.ok(final.analysis.tasks.length > 0);
      // once followed incrementally, each byte is parsed once (before its format is detected, a file is read whole)
      assert.equal(final.mode, 'incremental');
      assert.equal(parsed, bytes.length);
    });
  }
});

describe('IncrementalJsonl', () => {
  const make = (d: ConstructorParameters<typeof ClaudeCodeSession>[0]) => new ClaudeCodeSession(d, { fileAgentId: null });
  const limits = { maxLineBytes: 1024 * 1024, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
  const sample = readFileSync(sharedTrace('claude-code/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl'), 'utf8');

  it('a bad line is a warning while it is last and an error once lines follow it, as in a full read', async () => {
    const path = join(dir, 'bad.jsonl');
    const lines = sample.split('\n').filter((l) => l !== '');
    writeFileSync(path, lines.slice(0, 5).join('\n') + '\n{"cut\n');
    const inc = new IncrementalJsonl(path, make, limits.maxLineBytes);
    assert.deepEqual(await inc.update().then(({ tasks, diagnostics }) => ({ tasks, diagnostics })), await readClaudeCode(path, limits));
    appendFileSync(path, lines.slice(5).join('\n') + '\n');
    assert.deepEqual(await inc.update().then(({ tasks, diagnostics }) => ({ tasks, diagnostics })), await readClaudeCode(path, limits));
    const d = (await inc.update()).diagnostics.filter((x) => x.line === 6);
    assert.deepEqual(d.map((x) => x.severity), ['error']);
  });

  it('a partial last line waits for its end; a file rewritten shorter is read again from the start', async () => {
    const path = join(dir, 'partial.jsonl');
    const first = sample.indexOf('\n') + 1;
    writeFileSync(path, sample.slice(0, first + 10));
    const inc = new IncrementalJsonl(path, make, limits.maxLineBytes);
    const a = await inc.update();
    assert.equal(inc.position, Buffer.byteLength(sample.slice(0, first + 10)));
    assert.ok(!a.diagnostics.some((x) => x.line === 2), 'the cut line is not judged yet');
    writeFileSync(path, sample.slice(0, first)); // shorter: replaced
    const b = await inc.update();
    assert.equal(b.reset, true);
    assert.deepEqual({ tasks: b.tasks, diagnostics: b.diagnostics }, await readClaudeCode(path, limits));
  });
});
