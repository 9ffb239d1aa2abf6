import { open, readdir, readFile, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';

/**
 * The first complete lines of a file, from its first `maxBytes` only (a session can be 100 MB; its
 * first lines say where it ran). The cut last line is kept only when the file ends there.
 */
export async function headLines(path: string, maxBytes: number, maxLines = 200): Promise<string[]> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const buf = Buffer.alloc(Math.min(maxBytes, size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const lines = buf.subarray(0, bytesRead).toString('utf8').split('\n');
    if (size > bytesRead) lines.pop();
    return lines.filter((l) => l.trim() !== '').slice(0, maxLines);
  } finally {
    await fh.close();
  }
}

/** The first `maxBytes` as text (for pretty-printed JSON whose top-level fields come first). */
export async function headText(path: string, maxBytes: number): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(maxBytes);
    const { bytesRead } = await fh.read(buf, 0, maxBytes, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

/** JSON.parse that returns undefined instead of throwing (a line may be cut or not JSON). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export async function readJsonFile(path: string, maxBytes = 16 * 1024 * 1024): Promise<unknown> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile() || info.size > maxBytes) return undefined;
  return parseJson(await readFile(path, 'utf8').catch(() => ''));
}

/** A folder's entries, sorted by name; none when it is missing or unreadable (discovery never throws for that). */
export async function entries(dir: string): Promise<Dirent[]> {
  const list = await readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
  return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The first string value of `"key": "..."` in raw text (a pretty-printed or cut JSON head). */
export function firstStringField(text: string, key: string): string | null {
  const m = new RegExp(`"${key}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*")`).exec(text);
  if (!m) return null;
  const v = parseJson(m[1]!);
  return typeof v === 'string' ? v : null;
}

export function firstNumberField(text: string, key: string): number | null {
  const m = new RegExp(`"${key}"\\s*:\\s*(-?\\d+(?:\\.\\d+)?)`).exec(text);
  return m ? Number(m[1]) : null;
}

/** An epoch-milliseconds value as ISO text; null when it is not a plausible date. */
export function msToIso(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
