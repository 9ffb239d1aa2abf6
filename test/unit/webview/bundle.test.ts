/**
 * Guards on the webview bundle: built for the browser without zod, Node built-ins or vscode; trace text
 * never goes through an HTML parser; the protocol is imported for its types only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from '../helpers/shared';

const WEBVIEW = join(REPO_ROOT, 'webview');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'dev' ? [] : sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });

test('the bundle holds only the webview, the pure formatters, the protocol constants, the each-call sentinel and uPlot', async () => {
  const r = await esbuild.build({ entryPoints: [join(WEBVIEW, 'main.ts')], absWorkingDir: REPO_ROOT, bundle: true, write: false, outdir: 'out', format: 'iife', platform: 'browser', target: 'es2022', loader: { '.css': 'css' }, metafile: true, logLevel: 'silent' });
  const inputs = Object.keys(r.metafile.inputs);
  // ranking-text.ts and hybrid-text.ts: the ranking's and the hybrid line's wording, shared with the CLI (no imports but format.ts)
  const allowed = new Set(['src/core/format.ts', 'src/core/format-range.ts', 'src/core/pipeline/each-call.ts', 'src/core/panel/view.ts', 'src/core/tags.ts', 'src/core/pipeline/ranking-text.ts', 'src/core/pipeline/hybrid-text.ts']);
  const outside = inputs.filter((i) => !i.startsWith('webview/') && !i.startsWith('node_modules/uplot/') && !allowed.has(i));
  assert.deepEqual(outside, []);
});

test('no HTML parsing of strings in the panel (innerHTML, outerHTML, insertAdjacentHTML, document.write)', () => {
  for (const f of sources(WEBVIEW)) {
    const code = readFileSync(f, 'utf8');
    assert.doesNotMatch(code, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/, f);
  }
});

test('the protocol is imported for types only', () => {
  for (const f of sources(WEBVIEW)) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (/from ['"].*shared\/protocol['"]/.test(line)) assert.match(line, /^import type /, `${f}: ${line}`);
    }
  }
});
