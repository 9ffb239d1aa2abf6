/**
 * Analyze Workspace Traces orders the files its globs found with inWalkOrder, so that it reads
 * them in the order `agentcost analyze <folder>` walks them (the first file keeps a request logged
 * twice). Names chosen where a plain string sort and the walk disagree: a folder beside a file of
 * the same stem (`/` sorts after `.` and `-`), upper and lower case, digits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inWalkOrder, walkFolder } from '../../../../src/core/traces/walk';

test('inWalkOrder puts files found in any order in the order walkFolder visits them', async () => {
  const root = mkdtempSync(join(tmpdir(), 'agentcost-order-'));
  const files = ['s.jsonl', 's/subagents/agent-b.jsonl', 's/subagents/agent-a.jsonl', 's-2.jsonl', 'S3.jsonl', 'a10.jsonl', 'a9.jsonl', 'b/x.jsonl', 'B.jsonl'];
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), '{}\n');
  }
  const walked = (await walkFolder(root)).files;
  assert.equal(walked.length, files.length);
  const found = files.map((f) => join(root, f));
  assert.deepEqual(inWalkOrder(found), walked);
  assert.deepEqual(inWalkOrder([...found].reverse()), walked);
  // the folder `s` is walked before the file `s.jsonl`; a plain sort puts the file first
  assert.ok(walked.indexOf(join(root, 's/subagents/agent-a.jsonl')) < walked.indexOf(join(root, 's.jsonl')));
  assert.notDeepEqual([...found].sort(), walked);
});
