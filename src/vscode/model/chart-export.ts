/**
 * Checks a chart the webview sends for saving ("exportChart"): a PNG data URL. The webview is
 * untrusted, so the bytes written to disk are what they claim to be: a base64 PNG whose signature
 * is PNG's. Pure.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type ChartBytes = { ok: true; bytes: Uint8Array; extension: 'png' } | { ok: false; reason: string };

export function chartBytes(_kind: 'png', data: string): ChartBytes {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(data);
  if (!m) return { ok: false, reason: 'not a base64 PNG data URL' };
  const bytes = Buffer.from(m[1]!, 'base64');
  if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return { ok: false, reason: 'the data is not a PNG image' };
  return { ok: true, bytes, extension: 'png' };
}

/** A file name for a saved report or chart: the subject's label, made safe for any file system. */
export function exportFileName(label: string, suffix: string, extension: string): string {
  const base = label
    .replace(/\.[A-Za-z0-9]{1,8}$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `agentcost-${base || 'report'}${suffix ? `-${suffix}` : ''}.${extension}`;
}
