/**
 * Glob matching for agentcost.promptGlobs / traceGlobs, the syntax VS Code uses (`*`, `**`, `?`,
 * `{a,b}`, `[abc]`, `[!abc]`), matched against a file's absolute path with `/` separators.
 * A glob that does not start with `/` or `**` matches at any depth: `AGENTS.md` is `**\/AGENTS.md`,
 * `.github/copilot-instructions.md` matches that file in any folder. (VS Code's own document
 * selectors would compare such a pattern with the whole path and never match.)
 * Pure, so the status bar, hovers and the tests agree on what a prompt file is.
 */

/** The glob as matched: anchored at any depth unless it is absolute or starts with `**`. */
export function normalizeGlob(glob: string): string {
  const g = glob.trim().replace(/\\/g, '/');
  return g.startsWith('/') || g.startsWith('**') ? g : `**/${g.replace(/^\.\//, '')}`;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function closingBrace(g: string, open: number): number {
  let depth = 0;
  for (let i = open; i < g.length; i++) {
    if (g[i] === '{') depth++;
    else if (g[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

function translate(g: string): string {
  let out = '';
  let i = 0;
  while (i < g.length) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        const segmentStart = i === 0 || g[i - 1] === '/';
        if (segmentStart && g[i + 2] === '/') {
          out += '(?:.*/)?'; // `**/`: zero or more folders
          i += 3;
        } else {
          out += '.*';
          i += 2;
        }
      } else {
        out += '[^/]*';
        i++;
      }
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '{') {
      const end = closingBrace(g, i);
      if (end < 0) {
        out += '\\{';
        i++;
      } else {
        out += `(?:${splitTopLevel(g.slice(i + 1, end)).map(translate).join('|')})`;
        i = end + 1;
      }
    } else if (c === '[') {
      const end = g.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        i++;
      } else {
        let body = g.slice(i + 1, end);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
        i = end + 1;
      }
    } else {
      out += escapeRegex(c);
      i++;
    }
  }
  return out;
}

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    re = new RegExp(`^${translate(normalizeGlob(glob))}$`);
    if (cache.size > 500) cache.clear();
    cache.set(glob, re);
  }
  return re;
}

/** True when the path (absolute or relative; `\` or `/`) matches any of the globs. */
export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  const p = path.replace(/\\/g, '/');
  return globs.some((g) => globToRegExp(g).test(p));
}
