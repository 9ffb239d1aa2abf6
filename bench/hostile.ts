/**
 * Time and peak memory of the CLI on each hostile case at the issue's sizes (test/hostile/corpus.ts,
 * scale 'full'), under `--max-old-space-size=512`, for this build and optionally another (an
 * older checkout's dist/cli.js, to compare before/after). Measures with GNU time (%e s, %M KB);
 * a run is killed after HANG_S seconds and reported as a hang. Prints a Markdown table.
 *
 *   npx tsx bench/hostile.ts [--before /path/to/old/dist/cli.js] [--out /tmp/dir]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeCorpus } from '../test/hostile/corpus';

const HANG_S = Number(process.env.HOSTILE_HANG_S ?? 600);

interface Run {
  cell: string;
  seconds: number | null;
  peakMb: number | null;
}

function measure(cli: string, args: string[], hangS: number): Run {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', 'timeout', '-s', 'KILL', String(hangS), process.execPath, '--max-old-space-size=512', cli, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr);
  const seconds = m ? Number(m[1]) : null;
  const peakMb = m ? Math.round(Number(m[2]) / 1024) : null;
  const status = r.stderr.includes('Command terminated by signal 9') || r.status === 137 ? `hung, killed after ${hangS} s` : /FATAL ERROR|Reached heap limit|out of memory/i.test(r.stderr) ? 'crashed (V8 out of memory)' : `exit ${/Command exited with non-zero status (\d+)/.exec(r.stderr)?.[1] ?? '0'}`;
  // a killed run's memory is not in GNU time's report (only timeout's own): say so, not a number
  const killed = status.startsWith('hung');
  return { cell: `${status}; ${seconds ?? '?'} s; ${killed ? 'peak not measured' : `${peakMb ?? '?'} MB`}`, seconds, peakMb: killed ? null : peakMb };
}

const argv = process.argv.slice(2);
const before = argv.includes('--before') ? resolve(argv[argv.indexOf('--before') + 1] ?? '') : null;
const dir = argv.includes('--out') ? resolve(argv[argv.indexOf('--out') + 1] ?? '') : mkdtempSync(join(tmpdir(), 'agentcost-hostile-full-'));
const after = resolve(__dirname, '../dist/cli.js');
const cases = writeCorpus(dir, 'full');
const rows: string[] = [];
for (const c of cases) {
  const largest = Math.max(0, ...c.files.map((f) => statSync(f).size));
  const budgetMb = Math.round((2 * largest) / 1048576 + 150);
  const hangS = c.hangGuardS ?? HANG_S;
  const b = before ? measure(before, c.args, hangS) : null;
  const a = measure(after, c.args, hangS);
  const within = a.peakMb !== null && a.peakMb <= budgetMb ? 'yes' : 'no';
  rows.push(`| ${c.name} | ${(largest / 1048576).toFixed(1)} MB | ${b ? b.cell : '—'} | ${a.cell} | ${budgetMb} MB: ${within} |`);
  process.stderr.write(`${rows[rows.length - 1]}\n`);
}
process.stdout.write(['| case | largest file | before | after | under 2×file+150 MB |', '|---|---|---|---|---|', ...rows].join('\n') + '\n');
if (!argv.includes('--out')) rmSync(dir, { recursive: true, force: true });
