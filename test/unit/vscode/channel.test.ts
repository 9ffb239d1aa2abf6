/**
 * The panel protocol over two in-memory channels back to back: the host's HostChannel and a
 * webview end that behaves like the real one (posts `ready`, keeps what it receives). Messages
 * cross a structured clone, as postMessage does, asynchronously.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostChannel, type InboundMessage } from '../../../src/vscode/panel/channel';
import { PROTOCOL_VERSION, type HostToWebview, type PanelSnapshot, type WebviewToHost } from '../../../src/shared/protocol';
import { exampleSnapshot } from './fixtures';

/** A pipe that delivers a structured clone of each message on a later microtask, like postMessage. */
function pipe<T>(deliver: (m: T) => void): (m: T) => void {
  return (m) => {
    const copy = structuredClone(m);
    queueMicrotask(() => deliver(copy));
  };
}

const flush = () => new Promise((r) => setImmediate(r));

function connect() {
  const toWebview: HostToWebview[] = [];
  const atHost: InboundMessage[] = [];
  const dropped: string[] = [];
  const readies: boolean[] = [];
  const host = new HostChannel({
    post: pipe<HostToWebview>((m) => toWebview.push(m)),
    onMessage: (m) => atHost.push(m),
    onReady: (has) => readies.push(has),
    onDropped: (r) => dropped.push(r),
  });
  const webviewPost = pipe<unknown>((m) => host.receive(m));
  return { host, toWebview, atHost, dropped, readies, webviewPost };
}

function snapshotMessage(title: string, base: PanelSnapshot): HostToWebview {
  return { type: 'snapshot', snapshot: { ...base, title } };
}

test('posts wait for ready; a newer snapshot supersedes a queued one; ready delivers it once', async () => {
  const base = await exampleSnapshot();
  const c = connect();
  c.host.send({ type: 'busy', message: 'Analyzing' });
  c.host.send(snapshotMessage('first', base));
  c.host.send(snapshotMessage('second', base));
  c.host.send({ type: 'error', message: 'kept' });
  await flush();
  assert.equal(c.toWebview.length, 0, 'nothing is posted before ready');
  assert.deepEqual(c.host.queued.map((m) => m.type), ['snapshot', 'error']);
  c.webviewPost({ type: 'ready', protocol: PROTOCOL_VERSION } satisfies WebviewToHost);
  await flush();
  assert.deepEqual(c.toWebview.map((m) => (m.type === 'snapshot' ? m.snapshot.title : m.type)), ['second', 'error']);
  assert.deepEqual(c.readies, [true]);
});

test('a real snapshot survives the round trip intact (complete, structured-clone safe)', async () => {
  const snap = await exampleSnapshot();
  const c = connect();
  c.webviewPost({ type: 'ready', protocol: PROTOCOL_VERSION });
  await flush();
  assert.deepEqual(c.readies, [false], 'no snapshot yet: the host is asked to compute one');
  c.host.send({ type: 'snapshot', snapshot: snap });
  await flush();
  assert.equal(c.toWebview.length, 1);
  const got = c.toWebview[0]!;
  assert.equal(got.type, 'snapshot');
  assert.deepEqual(got.type === 'snapshot' && got.snapshot, snap);
  assert.ok(snap.tasks.length > 0 && snap.figure4.rows.length > 0);
});

test('after the webview goes away and comes back, the latest snapshot is sent again', async () => {
  const base = await exampleSnapshot();
  const c = connect();
  c.webviewPost({ type: 'ready', protocol: PROTOCOL_VERSION });
  await flush();
  c.host.send(snapshotMessage('shown', base));
  await flush();
  c.host.reset(); // hidden: the webview is destroyed
  c.host.send({ type: 'busy', message: 'while hidden' });
  await flush();
  assert.equal(c.toWebview.length, 1, 'nothing is posted to a hidden webview');
  c.webviewPost({ type: 'ready', protocol: PROTOCOL_VERSION });
  await flush();
  assert.deepEqual(c.toWebview.map((m) => (m.type === 'snapshot' ? m.snapshot.title : m.type)), ['shown', 'shown', 'busy']);
});

test('webview messages reach the host parsed; malformed ones are dropped and counted, never thrown', async () => {
  const c = connect();
  c.webviewPost({ type: 'ready', protocol: PROTOCOL_VERSION });
  c.webviewPost({ type: 'setControls', controls: { utilization: 0.5, cache: false } });
  c.webviewPost({ type: 'selectTask', taskKey: '0:abc' });
  c.webviewPost({ type: 'setControls', controls: { utilization: 2 } }); // out of range
  c.webviewPost({ type: 'setControls', controls: { utilization: 0.5, evil: true } }); // unknown key
  c.webviewPost({ type: 'exportReport', kind: 'pdf' }); // unknown kind
  c.webviewPost({ type: 'runCommand', command: 'workbench.action.terminal.new' }); // unknown type
  c.webviewPost('ready');
  c.webviewPost(null);
  c.webviewPost({ type: 'exportChart', chart: 'figure4', kind: 'png', data: 'data:image/png;base64,AAAA', extra: 1 });
  await flush();
  assert.deepEqual(c.atHost, [
    { type: 'setControls', controls: { utilization: 0.5, cache: false } },
    { type: 'selectTask', taskKey: '0:abc' },
  ]);
  assert.equal(c.host.droppedCount, 7);
  assert.equal(c.dropped.length, 7);
  assert.ok(c.dropped.every((d) => /malformed message from the webview dropped/.test(d)));
});

test('a webview of another protocol version is told to reload', async () => {
  const c = connect();
  c.webviewPost({ type: 'ready', protocol: PROTOCOL_VERSION + 1 });
  await flush();
  assert.equal(c.toWebview[0]?.type, 'error');
  assert.match(c.toWebview[0]?.type === 'error' ? c.toWebview[0].message : '', /reload the window/);
});
