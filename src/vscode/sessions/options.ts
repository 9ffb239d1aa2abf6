/**
 * Settings → discovery options (pure: no vscode). `~` in a configured location is the home folder;
 * the editor's own User folder comes first among the VS Code-family folders, so Cline and Copilot
 * sessions are found in the editor that is running even when it is not one of the known products.
 */
import { posix, win32 } from 'node:path';
import type { DiscoveryEnvironment, DiscoveryLocations, DiscoveryOptions } from '../../core/discovery';
import { defaultLocations } from '../../core/discovery';
import type { Config } from '../../shared/config';

function expandHome(p: string, env: DiscoveryEnvironment): string {
  const api = env.platform === 'win32' ? win32 : posix;
  if (p === '~') return env.home;
  if (p.startsWith('~/') || (env.platform === 'win32' && p.startsWith('~\\'))) return api.join(env.home, p.slice(2));
  return p;
}

export function discoveryOptions(config: Pick<Config, 'discoveryAgents' | 'discoveryLocations'>, environment: DiscoveryEnvironment, editorUserDir: string | null): DiscoveryOptions {
  const overrides: Partial<DiscoveryLocations> = {};
  const loc = config.discoveryLocations;
  const one = (v: string | undefined) => (v === undefined ? undefined : expandHome(v, environment));
  const many = (v: string[] | undefined) => v?.map((p) => expandHome(p, environment));
  if (loc.claudeConfigDirs) overrides.claudeConfigDirs = many(loc.claudeConfigDirs)!;
  if (loc.codexHome) overrides.codexHome = one(loc.codexHome)!;
  if (loc.geminiDir) overrides.geminiDir = one(loc.geminiDir)!;
  if (loc.qwenDir) overrides.qwenDir = one(loc.qwenDir)!;
  if (loc.openCodeDataDir) overrides.openCodeDataDir = one(loc.openCodeDataDir)!;
  if (loc.clineDataDirs) overrides.clineDataDirs = many(loc.clineDataDirs)!;
  if (loc.vscodeUserDirs) overrides.vscodeUserDirs = many(loc.vscodeUserDirs)!;
  else if (editorUserDir) {
    const defaults = defaultLocations(environment).vscodeUserDirs;
    overrides.vscodeUserDirs = [editorUserDir, ...defaults.filter((d) => d !== editorUserDir)];
  }
  return { environment, overrides, agents: config.discoveryAgents };
}
