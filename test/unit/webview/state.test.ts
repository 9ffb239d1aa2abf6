import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultUiState, parseUiState, UI_STATE_VERSION } from '../../../webview/model/state';
import { readHostMessage } from '../../../webview/model/messages';
import { snapshot } from './sample';

test('UI state: a saved state comes back; junk or another version gives the defaults', () => {
  const saved = { version: UI_STATE_VERSION, selectedTask: '0:t1', open: { diagnostics: true }, logScale: true, showAllTasks: true, scrollY: 420 };
  assert.deepEqual(parseUiState(saved), saved);
  assert.deepEqual(parseUiState(undefined), defaultUiState());
  assert.deepEqual(parseUiState('x'), defaultUiState());
  assert.deepEqual(parseUiState({ ...saved, version: 0 }), defaultUiState());
  assert.deepEqual(parseUiState({ version: UI_STATE_VERSION, selectedTask: 5, open: { a: 'yes', b: false }, logScale: 'true', scrollY: -1 }), { ...defaultUiState(), open: { b: false } });
});

test('host messages: snapshot, busy and error pass; malformed ones say why', () => {
  const s = snapshot();
  assert.deepEqual(readHostMessage({ type: 'snapshot', snapshot: s }), { ok: true, message: { type: 'snapshot', snapshot: s } });
  assert.deepEqual(readHostMessage({ type: 'busy', message: 'Recomputing' }), { ok: true, message: { type: 'busy', message: 'Recomputing' } });
  assert.deepEqual(readHostMessage({ type: 'error', message: 'bad' }), { ok: true, message: { type: 'error', message: 'bad' } });
  const reason = (d: unknown) => {
    const r = readHostMessage(d);
    return r.ok ? 'ok' : r.reason;
  };
  assert.equal(reason(null), 'not a message');
  assert.equal(reason({ type: 'error' }), 'error without a message');
  assert.match(reason({ type: 'snapshot', snapshot: { ...s, protocol: 2 } }), /protocol 2/);
  assert.match(reason({ type: 'snapshot', snapshot: { ...s, tasks: null } }), /snapshot.tasks is not a list/);
  assert.match(reason({ type: 'nope' }), /unknown message type/);
});
