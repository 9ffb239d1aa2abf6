/**
 * Starts and stops code-server (a real VS Code 1.100.3 workbench served to a browser) on the loopback
 * interface. `.bin/code-server` is a wrapper that forks the real server, which forks the extension host:
 * the server is spawned as the leader of its own process group and the whole group is killed.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, isAlive, killGroup, run, sleep, waitUntil } from './util';

export const CODE_SERVER_VERSION = '4.100.3';

export function codeServerBin(): string {
  const home = process.env.AGENTCOST_E2E_HOME ?? '/opt/agentcost-e2e';
  const bin = process.env.AGENTCOST_CODE_SERVER ?? join(home, 'code-server', 'node_modules', '.bin', 'code-server');
  if (!existsSync(bin)) {
    throw new Error(`code-server not found at ${bin}: run \`bash test/e2e/install.sh\` first (or set AGENTCOST_CODE_SERVER)`);
  }
  return bin;
}

export interface Profile {
  /** --user-data-dir: User/settings.json lives here. */
  userDataDir: string;
  extensionsDir: string;
  /** code-server's own config file (kept out of $HOME). */
  configFile: string;
}

export function makeProfile(root: string, settings: Record<string, unknown>): Profile {
  const p: Profile = { userDataDir: join(root, 'user-data'), extensionsDir: join(root, 'extensions'), configFile: join(root, 'code-server.yaml') };
  mkdirSync(join(p.userDataDir, 'User'), { recursive: true });
  mkdirSync(p.extensionsDir, { recursive: true });
  writeFileSync(p.configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  writeUserSettings(p, settings);
  return p;
}

export function userSettingsPath(p: Profile): string {
  return join(p.userDataDir, 'User', 'settings.json');
}

export function readUserSettings(p: Profile): Record<string, unknown> {
  const f = userSettingsPath(p);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8') || '{}') as Record<string, unknown>) : {};
}

export function writeUserSettings(p: Profile, settings: Record<string, unknown>): void {
  writeFileSync(userSettingsPath(p), JSON.stringify(settings, null, 2));
}

export async function installExtension(bin: string, p: Profile, vsix: string): Promise<void> {
  const r = await run(
    bin,
    ['--config', p.configFile, '--user-data-dir', p.userDataDir, '--extensions-dir', p.extensionsDir, '--install-extension', vsix, '--force'],
    { timeoutMs: 120_000 },
  );
  if (!/successfully installed/i.test(r.stdout + r.stderr)) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
}

export interface CodeServer {
  url: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

export async function startCodeServer(opts: {
  bin: string;
  profile: Profile;
  folder: string;
  logFile: string;
  env?: NodeJS.ProcessEnv;
}): Promise<CodeServer> {
  const port = await freePort();
  const out = openSync(opts.logFile, 'a');
  // the server and its extension host create sockets (vscode-ipc-*.sock) in the temp dir and leave them
  // behind when killed: give them one inside the profile, which the driver removes
  const tmp = join(opts.profile.userDataDir, '..', 'tmp');
  mkdirSync(tmp, { recursive: true });
  const child = spawn(
    opts.bin,
    [
      '--config', opts.profile.configFile,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      // no --disable-workspace-trust: that flag would make trust impossible to turn on; the profile's
      // settings turn it off (security.workspace.trust.enabled) and the restricted-mode scenario turns
      // it on for a while
      '--disable-getting-started-override',
      '--user-data-dir', opts.profile.userDataDir,
      '--extensions-dir', opts.profile.extensionsDir,
      opts.folder,
    ],
    // EXTENSIONS_GALLERY={}: no extension gallery, so the workbench makes no marketplace requests
    { detached: true, stdio: ['ignore', out, out], env: { ...process.env, TMPDIR: tmp, XDG_RUNTIME_DIR: tmp, EXTENSIONS_GALLERY: '{}', ...opts.env } },
  );
  closeSync(out);
  const pid = child.pid;
  if (!pid) throw new Error('code-server did not start');
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));

  const stop = async (): Promise<void> => {
    killGroup(pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && (isAlive(pid) || groupAlive(pid))) await sleep(100);
    killGroup(pid, 'SIGKILL');
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(
      'code-server /healthz',
      async () => {
        if (exited !== undefined) throw new Error(`code-server exited with ${exited}: ${tail(opts.logFile)}`);
        const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
        return r.ok;
      },
      30_000,
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid, logFile: opts.logFile, stop };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-3000);
  } catch {
    return '';
  }
}
