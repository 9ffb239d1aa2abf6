/**
 * Runs the CLI in this process (no dist/ needed): the same `run` that dist/cli.js calls, with what
 * it writes captured. Only writes made inside the run's own async context are captured (the test
 * runner reports on the same stdout, from its own context, and passes through).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { run } from '../../../src/cli/main';

interface Capture {
  out: string[];
  err: string[];
}

const capture = new AsyncLocalStorage<Capture>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const [stream, key] of [
    [process.stdout, 'out'],
    [process.stderr, 'err'],
  ] as const) {
    const original = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const c = capture.getStore();
      if (!c) return original(chunk, ...rest);
      c[key].push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return true;
    }) as typeof stream.write;
  }
}

export async function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  install();
  const c: Capture = { out: [], err: [] };
  const code = await capture.run(c, () => run(args));
  return { code, stdout: c.out.join(''), stderr: c.err.join('') };
}

export async function cliJson<T = unknown>(...args: string[]): Promise<T> {
  const r = await runCli(...args, '--json');
  if (r.code !== 0) throw new Error(`agentcost ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
