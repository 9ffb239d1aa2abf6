/**
 * Settings that name files (agentcost.catalog.files, agentcost.traceFolders) resolved to absolute
 * paths, and the workspace-trust rule: in an untrusted workspace a path outside the workspace
 * folders is ignored (and reported), so a cloned repository's settings cannot point AgentCost at
 * files elsewhere on the machine. Pure but for realpath (node:fs): links are resolved before paths are
 * compared, so a link inside the workspace that points outside it counts as outside.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** `~` expanded, a relative path taken from the first workspace folder; null when relative with no folder open. */
export function resolveSettingPath(path: string, firstRoot: string | undefined, home: string): string | null {
  let p = path.trim();
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) p = join(home, p.slice(1));
  if (!isAbsolute(p)) {
    if (firstRoot === undefined) return null;
    p = resolve(firstRoot, p);
  }
  return resolve(p);
}

/**
 * The path with every symbolic link resolved; for a path that does not exist (yet), its nearest
 * existing ancestor resolved and the rest appended (nothing there can be a link).
 */
export function realPath(path: string): string {
  const p = resolve(path);
  try {
    return realpathSync.native(p);
  } catch {
    const parent = dirname(p);
    return parent === p ? p : join(realPath(parent), basename(p));
  }
}

/** True when `path`, links resolved, is one of `roots` (links resolved) or inside one. */
export function isInside(path: string, roots: readonly string[], real: (p: string) => string = realPath): boolean {
  const target = real(path);
  return roots.some((root) => {
    const rel = relative(real(root), target);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}

export interface TrustContext {
  trusted: boolean;
  /** Absolute paths of the workspace folders (file scheme). */
  roots: readonly string[];
  home: string;
}

/** The paths to use, and those ignored with the reason (unresolvable, or outside an untrusted workspace). */
export function pathsForTrust(paths: readonly string[], ctx: TrustContext): { kept: string[]; ignored: { path: string; reason: string }[] } {
  const kept: string[] = [];
  const ignored: { path: string; reason: string }[] = [];
  for (const raw of paths) {
    const p = resolveSettingPath(raw, ctx.roots[0], ctx.home);
    if (p === null) ignored.push({ path: raw, reason: 'a relative path needs an open workspace folder' });
    else if (!ctx.trusted && !isInside(p, ctx.roots)) ignored.push({ path: raw, reason: 'outside the workspace, which is not trusted' });
    else if (!kept.includes(p)) kept.push(p);
  }
  return { kept, ignored };
}
