/**
 * Integration checks of the extension through the real `vscode` API: it activates, every contributed
 * command is registered, the hover provider on a prompt file returns the token count the CLI gives,
 * and a configuration change is picked up without a reload. Runs inside a real extension host:
 * VS Code through @vscode/test-electron (index.ts), or code-server through the harness extension.
 */
import * as vscode from 'vscode';
import { assert, eventually, Suite } from './runner';

export interface IntegrationConfig {
  extensionId: string;
  /** An absolute path of a prompt file (matched by the default prompt globs). */
  promptFile: string;
  /** Its token count per encoding, as `agentcost tokens --encoding E --json` prints it. */
  promptTokens: Record<string, number>;
  /** An absolute path of a trace file. */
  traceFile: string;
  /** Where the harness writes its results (code-server only). */
  resultsFile?: string;
  /** Where the harness reports, at every start of the extension host, that the extension has activated (code-server only). */
  readyFile?: string;
  /** Where the harness writes the extension host's event-loop delay on its command (code-server only). */
  loopDelayFile?: string;
}

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

interface ConfigProperty {
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
}

function packageJson(ext: vscode.Extension<unknown>): {
  contributes?: { commands?: ContributedCommand[]; configuration?: { properties?: Record<string, ConfigProperty> } | { properties?: Record<string, ConfigProperty> }[] };
} {
  return ext.packageJSON as ReturnType<typeof packageJson>;
}

function configProperties(ext: vscode.Extension<unknown>): Record<string, ConfigProperty> {
  const c = packageJson(ext).contributes?.configuration;
  const list = Array.isArray(c) ? c : c ? [c] : [];
  return Object.assign({}, ...list.map((x) => x.properties ?? {})) as Record<string, ConfigProperty>;
}

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** A number as a person reads it in the hover: "246" or "1,246" (thousands separators allowed). */
export function mentionsCount(text: string, n: number): boolean {
  const variants = [String(n), n.toLocaleString('en-US')];
  return variants.some((v) => new RegExp(`(^|[^\\d.,])${v.replace(/[.,]/g, '\\$&')}(?![\\d]|[.,]\\d)`).test(text));
}

export function buildSuite(cfg: IntegrationConfig): Suite {
  const s = new Suite();
  const ext = (): vscode.Extension<unknown> => {
    const e = vscode.extensions.getExtension(cfg.extensionId);
    assert(e, `extension ${cfg.extensionId} is not installed`);
    return e;
  };
  const promptUri = vscode.Uri.file(cfg.promptFile);
  const hoverAt = async (): Promise<string> => {
    const doc = await vscode.workspace.openTextDocument(promptUri);
    // a position inside the text of the first paragraph
    const line = Math.min(2, doc.lineCount - 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', promptUri, new vscode.Position(line, 4));
    return hoverText(hovers);
  };

  s.test('the extension activates', async () => {
    const e = ext();
    await e.activate();
    assert(e.isActive, 'not active after activate()');
  });

  s.test('every contributed command is registered, in the AgentCost category', async () => {
    const contributed = packageJson(ext()).contributes?.commands ?? [];
    assert(contributed.length >= 5, `only ${contributed.length} commands contributed`);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c.command)).map((c) => c.command);
    assert(missing.length === 0, `contributed but not registered: ${missing.join(', ')}`);
    const uncategorized = contributed.filter((c) => c.category !== 'AgentCost').map((c) => c.command);
    assert(uncategorized.length === 0, `commands outside the AgentCost category: ${uncategorized.join(', ')}`);
  });

  const defaultEncoding = (): string => {
    const props = configProperties(ext());
    const key = Object.keys(props).find((k) => /encoding/i.test(k));
    const d = key ? props[key]?.default : undefined;
    return typeof d === 'string' ? d : 'o200k_base';
  };

  s.test('the hover on a prompt file shows its token count and $ per call', async () => {
    const enc = defaultEncoding();
    const expected = cfg.promptTokens[enc];
    assert(expected !== undefined, `no CLI token count for ${enc}`);
    const text = await eventually('a hover with the token count', async () => {
      const t = await hoverAt();
      return mentionsCount(t, expected) ? t : '';
    });
    assert(/\$\s?\d/.test(text), `no $ amount in the hover: ${text}`);
    assert(/tokens?/i.test(text), `the hover does not say "tokens": ${text}`);
  });

  s.test('a configuration change is applied without a reload (tokenizer encoding)', async () => {
    const props = configProperties(ext());
    const key = Object.keys(props).find((k) => /encoding/i.test(k));
    assert(key, 'no encoding setting contributed');
    const section = key.slice(0, key.indexOf('.'));
    const name = key.slice(key.indexOf('.') + 1);
    const enc = defaultEncoding();
    const other = Object.keys(cfg.promptTokens).find((e) => e !== enc && cfg.promptTokens[e] !== cfg.promptTokens[enc]);
    assert(other, 'the fixture prompt has the same token count in every encoding');
    const conf = vscode.workspace.getConfiguration(section);
    await conf.update(name, other, vscode.ConfigurationTarget.Global);
    try {
      await eventually(`the hover to show the ${other} count ${cfg.promptTokens[other]}`, async () => mentionsCount(await hoverAt(), cfg.promptTokens[other]!));
    } finally {
      await conf.update(name, undefined, vscode.ConfigurationTarget.Global);
    }
    await eventually(`the hover to show the ${enc} count again`, async () => mentionsCount(await hoverAt(), cfg.promptTokens[enc]!));
  });

  s.test('a configuration change is applied without a reload (prompt globs)', async () => {
    const props = configProperties(ext());
    const key = Object.keys(props).find((k) => /prompt/i.test(k) && /glob|pattern/i.test(k));
    assert(key, 'no prompt globs setting contributed');
    const section = key.slice(0, key.indexOf('.'));
    const name = key.slice(key.indexOf('.') + 1);
    const enc = defaultEncoding();
    const conf = vscode.workspace.getConfiguration(section);
    await conf.update(name, ['**/*.no-such-prompt'], vscode.ConfigurationTarget.Global);
    try {
      await eventually('the prompt file to lose its hover', async () => !mentionsCount(await hoverAt(), cfg.promptTokens[enc]!));
    } finally {
      await conf.update(name, undefined, vscode.ConfigurationTarget.Global);
    }
    await eventually('the hover to come back', async () => mentionsCount(await hoverAt(), cfg.promptTokens[enc]!));
  });

  s.test('Analyze Current Trace File runs on a trace in the active editor', async () => {
    const cmd = (packageJson(ext()).contributes?.commands ?? []).find((c) => /analyze current trace/i.test(c.title));
    assert(cmd, 'no "Analyze Current Trace File" command');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(cfg.traceFile));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand(cmd.command);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }, 30_000);

  return s;
}
