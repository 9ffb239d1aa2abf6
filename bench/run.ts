/**
 * `npm run bench`: every benchmark, one after the other (each writes bench/results/<name>.json and
 * its own section of BENCHMARKS.md). Speed is measured, never asserted. Pass names to run some:
 * `npm run bench -- analyze tokenizers`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ALL = ['analyze', 'tokenizers', 'charts', 'extension', 'live'];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
let failed = 0;
for (const name of wanted) {
  const file = join(__dirname, `${name}.ts`);
  if (!existsSync(file)) {
    process.stderr.write(`bench: no benchmark named ${name} (known: ${ALL.join(', ')})\n`);
    failed++;
    continue;
  }
  process.stdout.write(`\n=== ${name}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
