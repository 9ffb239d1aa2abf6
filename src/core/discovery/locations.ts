import { pathApi } from './paths';
import type { DiscoveryEnvironment, DiscoveryLocations } from './types';

/** VS Code and the forks whose `User` folder layout is VS Code's (globalStorage, workspaceStorage). */
const VSCODE_PRODUCTS = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'];

function nonEmpty(v: string | undefined): string | null {
  return v !== undefined && v.trim() !== '' ? v.trim() : null;
}

/** The platform's folder for per-user application settings (where VS Code keeps `<product>/User`). */
function appConfigDir({ home, env, platform }: DiscoveryEnvironment): string {
  const p = pathApi(platform);
  if (platform === 'win32') return nonEmpty(env.APPDATA) ?? p.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support');
  return nonEmpty(env.XDG_CONFIG_HOME) ?? p.join(home, '.config');
}

function xdgDataHome({ home, env, platform }: DiscoveryEnvironment): string {
  return nonEmpty(env.XDG_DATA_HOME) ?? pathApi(platform).join(home, '.local', 'share');
}

/**
 * Where each agent writes by default, honoring the variables the agents themselves honor:
 * CLAUDE_CONFIG_DIR (comma-separated), CODEX_HOME, GEMINI_CLI_HOME, XDG_DATA_HOME (OpenCode, code-server),
 * XDG_CONFIG_HOME / APPDATA (VS Code), CLINE_DATA_DIR / CLINE_DIR. Over Remote-SSH, WSL and dev
 * containers this runs on the remote machine, where the agents write (`~/.vscode-server/data/User`).
 */
export function defaultLocations(e: DiscoveryEnvironment): DiscoveryLocations {
  const p = pathApi(e.platform);
  const { home, env } = e;
  const claudeEnv = nonEmpty(env.CLAUDE_CONFIG_DIR);
  const claudeConfigDirs = claudeEnv
    ? claudeEnv.split(',').map((s) => s.trim()).filter((s) => s !== '')
    : [p.join(home, '.config', 'claude'), p.join(home, '.claude')];
  const config = appConfigDir(e);
  const vscodeUserDirs = [
    ...VSCODE_PRODUCTS.map((name) => p.join(config, name, 'User')),
    p.join(home, '.vscode-server', 'data', 'User'),
    p.join(home, '.vscode-server-insiders', 'data', 'User'),
    p.join(home, '.cursor-server', 'data', 'User'),
    p.join(xdgDataHome(e), 'code-server', 'User'),
  ];
  const clineDir = nonEmpty(env.CLINE_DIR);
  return {
    claudeConfigDirs,
    codexHome: nonEmpty(env.CODEX_HOME) ?? p.join(home, '.codex'),
    geminiDir: p.join(nonEmpty(env.GEMINI_CLI_HOME) ?? home, '.gemini'),
    qwenDir: p.join(home, '.qwen'),
    openCodeDataDir: p.join(xdgDataHome(e), 'opencode'),
    vscodeUserDirs,
    clineDataDirs: [nonEmpty(env.CLINE_DATA_DIR) ?? (clineDir ? p.join(clineDir, 'data') : p.join(home, '.cline', 'data'))],
  };
}

/** Defaults with the overrides laid over them (an override replaces, it does not add). */
export function resolveLocations(e: DiscoveryEnvironment, overrides: Partial<DiscoveryLocations> = {}): DiscoveryLocations {
  const d = defaultLocations(e);
  const pick = <K extends keyof DiscoveryLocations>(k: K): DiscoveryLocations[K] => overrides[k] ?? d[k];
  return {
    claudeConfigDirs: pick('claudeConfigDirs'),
    codexHome: pick('codexHome'),
    geminiDir: pick('geminiDir'),
    qwenDir: pick('qwenDir'),
    openCodeDataDir: pick('openCodeDataDir'),
    vscodeUserDirs: pick('vscodeUserDirs'),
    clineDataDirs: pick('clineDataDirs'),
  };
}
