/**
 * The one directory walker for trace folders (analyze's listFiles, the Claude Code billing sum), so
 * both skip the same folders and neither loses a file silently: every file or folder it cannot use
 * is returned with the reason, for the "skipped" summary of a folder scan.
 *
 * Symbolic links are followed for files (a trace may be linked in) but never for folders (a loop,
 * or a link to `/`, would never end); anything that is not a regular file (FIFO, socket, device,
 * including a symlink to /dev/zero) is skipped without being opened: opening a FIFO blocks.
 */
import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';

/** Folders never descended into: dependencies, VCS data and build output hold no agent traces. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', 'out']);

export type SkipReason = 'unreadable' | 'not a regular file' | 'not a trace format' | 'linked folder not followed';

export interface Skipped {
  path: string;
  reason: SkipReason;
  /** The system's error code or the kind of file, when there is one. */
  detail: string | null;
}

export interface WalkResult {
  /** Regular files, in a stable (sorted) order per folder. */
  files: string[];
  skipped: Skipped[];
}

/** What kind of non-regular file this is, for messages. */
export function fileKind(info: Stats): string {
  if (info.isFIFO()) return 'FIFO';
  if (info.isSocket()) return 'socket';
  if (info.isCharacterDevice()) return 'character device';
  if (info.isBlockDevice()) return 'block device';
  if (info.isDirectory()) return 'folder';
  return 'special file';
}

/**
 * The order names are visited in a folder: one collator with a fixed locale (the CLI and the
 * extension host may run under different locales), code points breaking ties. The order files are
 * read in decides which file keeps a request logged twice (cross-file-duplicates.ts).
 */
const collator = new Intl.Collator('en');
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Files in the order walkFolder visits them (folder by folder, names by compareNames): the
 * extension sorts the files its globs found with this, so a workspace scan reads them in the order
 * `agentcost analyze <folder>` does.
 */
export function inWalkOrder(paths: readonly string[]): string[] {
  const split = new Map(paths.map((p) => [p, p.split(/[\\/]/)]));
  return [...paths].sort((a, b) => {
    const sa = split.get(a)!;
    const sb = split.get(b)!;
    for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
      const c = compareNames(sa[i]!, sb[i]!);
      if (c !== 0) return c;
    }
    return sa.length - sb.length;
  });
}

function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e);
}

/** Walks `dir` recursively; `keep(name)` filters regular files by name (default: all). */
export async function walkFolder(dir: string, keep: (name: string) => boolean = () => true): Promise<WalkResult> {
  const out: WalkResult = { files: [], skipped: [] };
  const visit = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch (e) {
      out.skipped.push({ path: d, reason: 'unreadable', detail: errCode(e) });
      return;
    }
    entries.sort((a, b) => compareNames(a.name, b.name));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await visit(p);
      } else if (e.isFile()) {
        if (keep(e.name)) out.files.push(p);
      } else if (e.isSymbolicLink()) {
        let info: Stats;
        try {
          info = await stat(p);
        } catch (err) {
          out.skipped.push({ path: p, reason: 'unreadable', detail: errCode(err) });
          continue;
        }
        if (info.isFile()) {
          if (keep(e.name)) out.files.push(p);
        } else if (info.isDirectory()) out.skipped.push({ path: p, reason: 'linked folder not followed', detail: null });
        else out.skipped.push({ path: p, reason: 'not a regular file', detail: fileKind(info) });
      } else {
        out.skipped.push({ path: p, reason: 'not a regular file', detail: e.isFIFO() ? 'FIFO' : e.isSocket() ? 'socket' : e.isCharacterDevice() ? 'character device' : e.isBlockDevice() ? 'block device' : 'special file' });
      }
    }
  };
  await visit(dir);
  return out;
}

/** A file the walk found that no reader claims. */
export function notATrace(path: string): Skipped {
  return { path, reason: 'not a trace format', detail: null };
}

/** One skipped path and why, as the CLI's text and the panel list it. */
export function skippedText(s: Skipped): string {
  return `${s.path}: ${s.reason}${s.detail ? ` (${s.detail})` : ''}`;
}

/** Counts by reason, for the one-line summary of a scan. */
export function skippedSummary(skipped: readonly Skipped[]): string | null {
  if (skipped.length === 0) return null;
  const counts = new Map<SkipReason, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return `skipped ${skipped.length} path(s): ${[...counts.entries()].map(([r, n]) => `${n} ${r}`).join(', ')}`;
}
