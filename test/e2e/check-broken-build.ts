/**
 * Proves the real-editor tests catch a broken build: makes copies of the packaged .vsix with the
 * panel's script broken, runs the e2e driver on each copy, and succeeds only if every run FAILS
 * (and the intact .vsix passed, when --with-intact is given).
 *
 *   npx tsx test/e2e/check-broken-build.ts [--vsix agentcost.vsix] [--with-intact]
 *
 * Breakages (each in a copy; the repo and the original .vsix are untouched):
 *   script-missing  extension.js asks for dist/webview/main-missing.js (the bundle is not found)
 *   script-broken   dist/webview/main.js replaced by a script that throws before rendering
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..');
/** Each breakage: the zip entry to change and a Python expression of its `text` giving the new text. */
const BREAKAGES: Record<string, { entry: string; edit: string }> = {
  'script-missing': { entry: 'extension/dist/extension.js', edit: String.raw`re.sub(r"([\"'])main\.js\1", '"main-missing.js"', text)` },
  'script-broken': { entry: 'extension/dist/webview/main.js', edit: String.raw`"throw new Error('deliberately broken build');\n"` },
};

/** Rewrites one entry of a zip with a Python expression of `text` (python3's zipfile: no zip tool needed). */
function rewriteEntry(vsix: string, out: string, entry: string, expr: string): void {
  const py = `
import sys, zipfile, re
src, dst, entry = sys.argv[1], sys.argv[2], sys.argv[3]
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zo:
    found = False
    for info in zi.infolist():
        data = zi.read(info.filename)
        if info.filename == entry:
            found = True
            text = data.decode('utf-8')
            new = ${expr}
            if new == text: sys.exit('no change made to ' + entry)
            data = new.encode('utf-8')
        zo.writestr(info, data)
    if not found: sys.exit('no entry ' + entry)
`;
  execFileSync('python3', ['-c', py, vsix, out, entry], { stdio: 'inherit' });
}

function runE2e(vsix: string, label: string, outDir: string): number {
  console.log(`\n=== e2e on the ${label} build`);
  const r = spawnSync('npx', ['tsx', join(REPO, 'test', 'e2e', 'run.ts'), '--vsix', vsix, '--only', 'integration,panel,utilization,hostile,themes,console'], {
    cwd: REPO,
    stdio: 'inherit',
    timeout: 900_000,
  });
  const results = join(REPO, 'test-results', 'e2e');
  if (existsSync(results)) {
    rmSync(outDir, { recursive: true, force: true });
    renameSync(results, outDir);
  }
  return r.status ?? 1;
}

function main(): number {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--vsix');
  const vsix = i >= 0 ? resolve(argv[i + 1]!) : join(REPO, 'agentcost.vsix');
  if (!existsSync(vsix)) throw new Error(`no ${vsix}: run npm run package first`);
  const tmp = mkdtempSync(join(tmpdir(), 'agentcost-broken-'));
  const copy = join(tmp, 'intact.vsix');
  copyFileSync(vsix, copy);
  const verdicts: string[] = [];
  let ok = true;
  if (argv.includes('--with-intact')) {
    const code = runE2e(copy, 'intact', join(REPO, 'test-results', 'e2e-intact'));
    verdicts.push(`intact: exit ${code} (${code === 0 ? 'passed, as it should' : 'FAILED: fix the tests or the build first'})`);
    ok &&= code === 0;
  }
  for (const [name, b] of Object.entries(BREAKAGES)) {
    const broken = join(tmp, `${name}.vsix`);
    rewriteEntry(copy, broken, b.entry, b.edit);
    const code = runE2e(broken, name, join(REPO, 'test-results', `e2e-broken-${name}`));
    verdicts.push(`${name}: exit ${code} (${code !== 0 ? 'the tests caught it' : 'NOT CAUGHT'})`);
    ok &&= code !== 0;
  }
  rmSync(tmp, { recursive: true, force: true });
  console.log(`\n${verdicts.join('\n')}\n${ok ? 'OK: every broken build failed the real-editor tests' : 'PROBLEM: see above'}`);
  // the original is untouched
  if (readFileSync(vsix).length === 0) return 1;
  return ok ? 0 : 1;
}

process.exit(main());
