import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { measurePaths, detectReader, type FileMeasures as FileAnalysis } from '../../../../src/core/inference/analyze';
import { measuringOptions } from '../../../../src/core/pipeline/measuring';
import { readers } from '../../../../src/core/traces/readers';
import { createTokenCounter } from '../../../../src/core/tokenize';
import { SHARED_TRACES } from '../../helpers/shared';

/**
 * Files of ../shared/traces that are not traces on their own, each with the reason. No reader
 * detects them, so a folder scan skips them quietly and nothing is counted twice.
 */
const CLINE_TASK = 'cline/online-card-architecture__1769053680585';
const NOT_TRACE_REASONS: Record<string, string> = {
  'FORMATS.md': 'documentation',
  'INDEX.md': 'documentation',
  'otel-genai/gen-ai-input-messages.schema.json': 'a JSON schema of the OTel GenAI conventions',
  'otel-genai/gen-ai-output-messages.schema.json': 'a JSON schema of the OTel GenAI conventions',
  // a Cline task folder is read through its ui_messages.json, which reads the history beside it
  [`${CLINE_TASK}/api_conversation_history.json`]: 'the prompts of the Cline task, read through the ui_messages.json beside it',
  [`${CLINE_TASK}/task_metadata.json`]: 'files in context and model names of the Cline task, no tokens',
  [`${CLINE_TASK}/focus_chain_taskid_1769053680585.md`]: 'the Cline task checklist (markdown), no tokens',
};
const NOT_TRACES = new Set(Object.keys(NOT_TRACE_REASONS));

function allSamples(dir = SHARED_TRACES): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? allSamples(p) : [p];
  });
}

let analyzed: Promise<FileAnalysis[]> | null = null;
function analyzeAll(): Promise<FileAnalysis[]> {
  analyzed ??= (async () => {
    const { files } = await measurePaths([SHARED_TRACES], measuringOptions({ readers, counter: () => createTokenCounter('o200k_base') }).options);
    return files;
  })();
  return analyzed;
}
const byName = async (suffix: string) => (await analyzeAll()).find((f) => f.path.endsWith(suffix))!;
const k = (f: FileAnalysis) => f.tasks.reduce((s, t) => s + t.calls, 0);

test('every trace in ../shared/traces is detected; the schema files are not', async () => {
  for (const p of allSamples()) {
    const rel = relative(SHARED_TRACES, p);
    const reader = await detectReader(p, readers);
    if (NOT_TRACES.has(rel)) assert.equal(reader, null, `${rel} is not a trace`);
    else assert.ok(reader, `${rel} is not detected`);
  }
});

test('every sample is analyzed with no error-level diagnostic', async () => {
  const files = await analyzeAll();
  assert.equal(files.length, allSamples().length - NOT_TRACES.size);
  for (const f of files) {
    const errors = f.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors, [], `${relative(SHARED_TRACES, f.path)}: ${errors.map((e) => e.message).join('; ')}`);
    assert.ok(f.tasks.length > 0, `${f.path} has tasks`);
  }
});

test('the call counts of INDEX.md hold', async () => {
  assert.equal(k(await byName('codex-cli/exported-session.jsonl')), 351);
  assert.equal(k(await byName('fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl')), 170);
  assert.equal(k(await byName('django__django-16255.traj.json')), 17);
  assert.equal(k(await byName('pytest-dev__pytest-7324.traj.json')), 37);
  assert.equal(k(await byName('sphinx-doc__sphinx-7440.traj.json')), 48);
  assert.equal(k(await byName('2025-08-10T02-44-06_telecom_llm_agent_gpt-4o_user_simulator_gpt-4o.json')), 217);
  assert.equal(k(await byName('gpt-4.1_airline_default_gpt-4.1_1trials.json')), 206);
  assert.equal(k(await byName('adaptive_agent_airline_opus46_cascata.json')), 667);
  assert.deepEqual((await byName('multi_swe_bench_output.jsonl')).tasks.map((t) => t.calls), [23, 34, 50]);
  // Additions (INDEX.md, counted there with python3 over the raw files):
  assert.equal(k(await byName(`${CLINE_TASK}/ui_messages.json`)), 47);
  assert.equal(k(await byName('cline-xray__ui_messages.json')), 4);
  // INDEX.md: 31 api_req_started rows; 7 of them failed before the model answered (cancelReason
  // streaming_failed, 0 tokens, $0) and did no work, so 24 calls
  assert.equal(k(await byName('fineye__ui_messages.json')), 24);
  assert.equal(k(await byName('copilot-token-tracker__session-01-today.json')), 5);
  assert.equal(k(await byName('qwen-code__splitrail_fixture.jsonl')), 2);
  // INDEX.md: 80 assistant messages, 78 with a step-finish; the 2 with zero usage are not calls
  assert.equal(k(await byName('cap__opencode-export.json')), 78);
  assert.equal(k(await byName('pfm-categorization__opencode-export.json')), 21);
  assert.equal(k(await byName('msg_test001.json')), 1);
  assert.equal(k(await byName('entire-cli__a6e4c2a0fbd1__full.jsonl')), 12);
  assert.equal(k(await byName('openclaw-agent__codex-session.vscode.jsonl')), 6);
});

test('a Cline task folder is one trace: its other files are not read on their own', async () => {
  const { files } = await measurePaths([join(SHARED_TRACES, CLINE_TASK)], {
    readers,
    tokenizer: () => Promise.reject(new Error('not needed: every call records usage')),
  });
  assert.deepEqual(
    files.map((f) => [relative(SHARED_TRACES, f.path), f.format, k(f)]),
    [[`${CLINE_TASK}/ui_messages.json`, 'cline', 47]],
  );
});

test('inferred shapes are within their ranges on every real task', async () => {
  for (const f of await analyzeAll()) {
    for (const t of f.tasks) {
      assert.ok(t.calls >= 0 && t.subagentCalls <= t.calls);
      if (t.repeatedFraction !== null) assert.ok(t.repeatedFraction >= 0 && t.repeatedFraction <= 1, `${f.path} ${t.id} r=${t.repeatedFraction}`);
      if (t.observedCachedFraction !== null) assert.ok(t.observedCachedFraction >= 0 && t.observedCachedFraction <= 1);
      for (const v of [t.initialInputTokens, t.meanOutputTokens, t.meanNewInputTokens]) assert.ok(v === null || (Number.isFinite(v) && v >= 0));
    }
  }
});
