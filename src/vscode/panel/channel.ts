/**
 * The host's end of the panel's message channel: the handshake and the queue (house style).
 * - Every inbound message is parsed with the `WebviewToHost` zod schema; a malformed one is dropped
 *   (the webview is an untrusted channel) and reported to `onDropped`.
 * - Until the webview says `ready`, posts are queued. A newer snapshot supersedes queued snapshots
 *   and "busy" notices (snapshots are complete, never deltas).
 * - On `ready` the host answers with the latest complete snapshot, queued or already sent (a hidden
 *   webview is destroyed and comes back with a new `ready`: `reset()` then queues again).
 * Pure: `post` is whatever delivers a message (webview.postMessage, or a test's in-memory pipe).
 */
import { PROTOCOL_VERSION, type HostToWebview } from '../../shared/protocol';
import { WebviewToHost } from './messages';

export type InboundMessage = Exclude<WebviewToHost, { type: 'ready' }>;

export interface HostChannelOptions {
  post: (message: HostToWebview) => unknown;
  onMessage: (message: InboundMessage) => void;
  /** After each `ready`: the latest snapshot has been re-sent; compute one if there is none yet. */
  onReady?: (hasSnapshot: boolean) => void;
  onDropped?: (reason: string) => void;
}

export class HostChannel {
  private ready = false;
  private queue: HostToWebview[] = [];
  private latest: Extract<HostToWebview, { type: 'snapshot' }> | null = null;
  private dropped = 0;

  constructor(private readonly opts: HostChannelOptions) {}

  get isReady(): boolean {
    return this.ready;
  }

  get droppedCount(): number {
    return this.dropped;
  }

  /** Messages waiting for `ready` (for tests and diagnostics). */
  get queued(): readonly HostToWebview[] {
    return this.queue;
  }

  send(message: HostToWebview): void {
    if (message.type === 'snapshot') {
      this.latest = message;
      if (!this.ready) this.queue = this.queue.filter((m) => m.type === 'error');
    }
    if (this.ready) this.opts.post(message);
    else this.queue.push(message);
  }

  /** The webview went away (hidden or reloading): queue until it says `ready` again. */
  reset(): void {
    this.ready = false;
  }

  receive(raw: unknown): void {
    const parsed = WebviewToHost.safeParse(raw);
    if (!parsed.success) {
      this.dropped++;
      const type = raw !== null && typeof raw === 'object' && 'type' in raw ? String((raw as { type: unknown }).type).slice(0, 40) : typeof raw;
      this.opts.onDropped?.(`malformed message from the webview dropped (type ${type}): ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'ready') {
      this.onReady(message.protocol);
      return;
    }
    this.opts.onMessage(message);
  }

  private onReady(protocol: number): void {
    this.ready = true;
    const pending = this.queue;
    this.queue = [];
    if (protocol !== PROTOCOL_VERSION) {
      this.opts.post({ type: 'error', message: `the panel speaks protocol ${protocol}, the extension ${PROTOCOL_VERSION}: reload the window` });
    }
    if (this.latest && !pending.includes(this.latest)) this.opts.post(this.latest);
    for (const m of pending) this.opts.post(m);
    this.opts.onReady?.(this.latest !== null);
  }
}
