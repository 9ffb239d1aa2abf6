/**
 * Messages from the host, checked for shape before use (they come from our own extension host, but
 * a malformed one must show an error, not throw halfway through a render). Pure, unit-tested.
 */
import type { HostToWebview, PanelSnapshot } from '../../src/shared/protocol';
import { PROTOCOL_VERSION } from '../../src/core/panel/view';

/** The protocol this webview speaks: the host's constant, compiled in (the host refuses another). */
export const WEBVIEW_PROTOCOL = PROTOCOL_VERSION;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ARRAYS: (keyof PanelSnapshot)[] = ['tasks', 'figure1', 'figure2', 'figure3', 'scenarios', 'assumptions', 'problems', 'diagnostics'];

/** A host message, or a description of what is wrong with it. */
export function readHostMessage(data: unknown): { ok: true; message: HostToWebview } | { ok: false; reason: string } {
  if (!isRecord(data) || typeof data.type !== 'string') return { ok: false, reason: 'not a message' };
  switch (data.type) {
    case 'busy':
    case 'error':
      return typeof data.message === 'string' ? { ok: true, message: { type: data.type, message: data.message } } : { ok: false, reason: `${data.type} without a message` };
    case 'snapshot': {
      const s = data.snapshot;
      if (!isRecord(s)) return { ok: false, reason: 'snapshot missing' };
      if (s.protocol !== WEBVIEW_PROTOCOL) return { ok: false, reason: `snapshot of protocol ${String(s.protocol)}, this panel speaks ${WEBVIEW_PROTOCOL}: reload the window` };
      for (const k of ARRAYS) if (!Array.isArray(s[k])) return { ok: false, reason: `snapshot.${k} is not a list` };
      if (!isRecord(s.controls) || !isRecord(s.options) || !isRecord(s.figure4) || !isRecord(s.subject)) return { ok: false, reason: 'snapshot incomplete' };
      return { ok: true, message: { type: 'snapshot', snapshot: s as unknown as PanelSnapshot } };
    }
    default:
      return { ok: false, reason: `unknown message type ${JSON.stringify(data.type).slice(0, 40)}` };
  }
}
