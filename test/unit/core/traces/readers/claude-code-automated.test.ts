import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, probeFile } from '../../../../../src/core/traces/io';
import { claudeCodeReader } from '../../../../../src/core/traces/readers/claude-code';
import { FIXTURES } from '../../../helpers/shared';

const LIMITS = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
const fixture = resolve(FIXTURES, 'traces/claude-code', 'automated-prompts.jsonl');

/*
 * The fixture (written for this test) has 2 prompts typed by a person (origin.kind "human") and 9
 * machine-written prompt lines between them: 2 task notifications (one with origin.kind, one only by
 * its <task-notification> content), 1 origin "peer", an interruption marker, a /compact command wrapper,
 * a compaction summary, an isMeta line and a hook wrapper. Calls r1..r7 belong to the first request, r8
 * to the second.
 */
test('Claude Code: machine-written prompts continue the current task; an info diagnostic lists their kinds', async () => {
  assert.ok(claudeCodeReader.detect(await probeFile(fixture)) >= 0.5);
  const r = await claudeCodeReader.read(fixture, LIMITS);
  assert.deepEqual(
    r.tasks.map((t) => [t.title, t.calls.map((c) => c.id)]),
    [
      ['Fix the flaky test', ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']],
      ['Now update the docs', ['r8']],
    ],
  );
  const info = r.diagnostics.find((d) => d.severity === 'info' && /not typed by a person/.test(d.message));
  assert.ok(info, JSON.stringify(r.diagnostics));
  assert.match(info.message, /^8 prompt line/);
  for (const kind of ['origin task-notification ×1', 'task notification ×1', 'origin peer ×1', 'interruption marker ×1', '<command-name> wrapper ×1', 'compaction summary ×1', 'isMeta ×1', '<user-prompt-submit-hook> wrapper ×1']) {
    assert.ok(info.message.includes(kind), `${kind} in ${info.message}`);
  }
});
