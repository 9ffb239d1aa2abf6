import { posix, win32, type PlatformPath } from 'node:path';

export function pathApi(platform: NodeJS.Platform): PlatformPath {
  return platform === 'win32' ? win32 : posix;
}

/** A path in the form used to compare: resolved, NFC, no trailing separator; case-folded on Windows. */
export function comparablePath(p: string, platform: NodeJS.Platform): string {
  const api = pathApi(platform);
  let r = api.resolve(p.normalize('NFC'));
  while (r.length > 1 && (r.endsWith('/') || (platform === 'win32' && r.endsWith('\\'))) && !/^[A-Za-z]:\\$/.test(r)) r = r.slice(0, -1);
  return platform === 'win32' ? r.toLowerCase() : r;
}

/** Whether `candidate` is `root` or lies below it (not merely shares a name prefix). */
export function isInside(candidate: string, root: string, platform: NodeJS.Platform): boolean {
  const c = comparablePath(candidate, platform);
  const r = comparablePath(root, platform);
  if (c === r) return true;
  const sep = pathApi(platform).sep;
  return c.startsWith(r.endsWith(sep) ? r : r + sep);
}

/** Whether `candidate` is inside any of the workspace's spellings (as opened, and its real path). */
export function insideAny(candidate: string, roots: readonly string[], platform: NodeJS.Platform): boolean {
  return roots.some((r) => isInside(candidate, r, platform));
}

/** The longest folder name Claude Code keeps before it cuts the name and adds a hash. */
export const CLAUDE_MAX_DIR_NAME = 200;

/**
 * Claude Code's `projects/` folder name for a working directory: every UTF-16 code unit that is not
 * an ASCII letter or digit becomes `-` (so `é` gives one `-`, an emoji two), and a name over 200
 * characters is cut to 200 and suffixed with `-<hash>`. The hash is the Agent SDK's 32-bit string
 * hash in base 36; the native build may hash differently, so matching also accepts any suffix
 * (see `claudeDirMatches`). Lossy: `/a/b-c` and `/a/b/c` share a folder, so files are confirmed
 * by the cwd they record.
 */
export function claudeProjectDirName(cwd: string): string {
  const name = cwd.replace(/[^a-zA-Z0-9]/g, '-');
  if (name.length <= CLAUDE_MAX_DIR_NAME) return name;
  let h = 0;
  for (let i = 0; i < cwd.length; i++) h = ((h << 5) - h + cwd.charCodeAt(i)) | 0;
  return `${name.slice(0, CLAUDE_MAX_DIR_NAME)}-${Math.abs(h).toString(36)}`;
}

/**
 * Whether a `projects/` folder can hold sessions of the workspace or of a folder inside it: its
 * name is the workspace's encoding, or that encoding followed by `-` (a subfolder), or, for long
 * paths, starts with the first 200 characters. Only a candidate: the recorded cwd decides.
 */
export function claudeDirMatches(dirName: string, workspaceSpellings: readonly string[]): boolean {
  for (const ws of workspaceSpellings) {
    const full = ws.replace(/[^a-zA-Z0-9]/g, '-');
    if (full.length >= CLAUDE_MAX_DIR_NAME) {
      if (dirName.startsWith(full.slice(0, CLAUDE_MAX_DIR_NAME))) return true;
    } else if (dirName === full || dirName.startsWith(full + '-')) return true;
  }
  return false;
}

/** The spellings a tool may have recorded for one folder: as given and its real path, each in NFC and NFD (macOS). */
export function spellings(paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    out.add(p);
    out.add(p.normalize('NFC'));
    out.add(p.normalize('NFD'));
  }
  return [...out];
}

/**
 * A `file://` URI (as VS Code writes it in workspace.json) to a local path; null for other schemes
 * (remote workspaces) or a malformed URI. `file:///c%3A/x` becomes `c:\x` on Windows.
 */
export function fileUriToPath(uri: string, platform: NodeJS.Platform): string | null {
  const m = /^file:\/\/([^/]*)(\/.*)$/i.exec(uri);
  if (!m) return null;
  let p: string;
  try {
    p = decodeURIComponent(m[2]!);
  } catch {
    return null;
  }
  if (platform === 'win32') {
    if (/^\/[A-Za-z]:/.test(p)) p = p.slice(1);
    else if (m[1]) p = `//${m[1]}${p}`; // UNC share
    return p.replace(/\//g, '\\');
  }
  return p;
}
