/**
 * package.json `contributes` against the code: commands (ids, category), the view, the panel's
 * activation event, and every setting (key, default, range, enum, JSON schema) against the zod
 * schema of src/shared/config.ts. A drift fails here, not in a user's editor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CommandId, COMMAND_CATEGORY, ContextKey, INTERNAL_COMMANDS, PANEL_VIEW_TYPE, TRACES_VIEW_ID } from '../../../src/shared/commands';
import { defaultOf, SETTINGS, settingKey, type SettingField } from '../../../src/shared/config';
import { Scenario } from '../../../src/core/scenario';
import { Baseline, CatalogOverlay } from '../../../src/core/catalog/schema';
import { REPO_ROOT } from '../helpers/shared';

interface Contributes {
  commands: { command: string; title: string; category?: string }[];
  menus: Record<string, { command: string; when?: string }[]>;
  views: Record<string, { id: string; name: string }[]>;
  configuration: { properties: Record<string, Record<string, unknown>> };
}
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  contributes: Contributes;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
  main: string;
};
const contributed = pkg.contributes.commands;
const props = pkg.contributes.configuration.properties;

/** Every `agentcost.*` id string literal in src/ (so a command registered anywhere in code is found). */
function idsInSource(): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/registerCommand\(\s*'(agentcost\.[A-Za-z]+)'/g)) out.add(m[1]!);
    }
  };
  walk(join(REPO_ROOT, 'src'));
  return out;
}

test('every command id in code is contributed, and every contributed command is in code, with category AgentCost', () => {
  const inCode = new Set<string>(Object.values(CommandId));
  for (const id of idsInSource()) inCode.add(id); // a literal registerCommand('agentcost.x') bypassing CommandId
  const inPackage = new Set(contributed.map((c) => c.command));
  assert.deepEqual([...inCode].sort(), [...inPackage].sort());
  for (const c of contributed) {
    assert.equal(c.category, COMMAND_CATEGORY, `${c.command} category`);
    assert.ok(c.title.trim().length > 0 && !c.title.startsWith('AgentCost'), `${c.command} title (the category supplies "AgentCost:")`);
  }
  assert.equal(new Set(contributed.map((c) => c.title)).size, contributed.length, 'titles are unique');
});

test('the palette hides commands that need an editor or a selection, and internal ones', () => {
  const palette = new Map(pkg.contributes.menus.commandPalette!.map((m) => [m.command, m.when ?? '']));
  assert.match(palette.get(CommandId.analyzeCurrentTraceFile) ?? '', /editorIsOpen/);
  assert.match(palette.get(CommandId.countSelectionTokens) ?? '', /editorHasSelection/);
  for (const id of INTERNAL_COMMANDS) assert.equal(palette.get(id), 'false', id);
  // every command a menu names exists
  const ids = new Set(contributed.map((c) => c.command));
  for (const [menu, items] of Object.entries(pkg.contributes.menus)) for (const m of items) assert.ok(ids.has(m.command), `${menu}: ${m.command}`);
  assert.ok(pkg.contributes.menus['editor/title']!.some((m) => m.when === ContextKey.promptFile));
});

test('the Agent Traces view, the panel activation event and the entry point match the code', () => {
  assert.ok(pkg.contributes.views.explorer!.some((v) => v.id === TRACES_VIEW_ID && v.name === 'Agent Traces'));
  assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${PANEL_VIEW_TYPE}`));
  assert.equal(pkg.main, './dist/extension.js');
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  for (const key of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []) assert.ok(key in props, key);
});

const fields = Object.keys(SETTINGS) as SettingField[];

test('every zod setting has a package.json property with the same default, and vice versa', () => {
  assert.deepEqual(fields.map(settingKey).sort(), Object.keys(props).sort());
  for (const f of fields) {
    const p = props[settingKey(f)]!;
    assert.deepEqual(p.default, defaultOf(f), `${settingKey(f)} default`);
    assert.ok(typeof p.markdownDescription === 'string' && (p.markdownDescription as string).length > 20, `${settingKey(f)} markdownDescription`);
    // the default is valid for package.json's own type
    const type = p.type as string;
    const d = p.default;
    const typeOk = { array: Array.isArray(d), object: d !== null && typeof d === 'object' && !Array.isArray(d), number: typeof d === 'number', integer: Number.isInteger(d), string: typeof d === 'string', boolean: typeof d === 'boolean' }[type];
    assert.ok(typeOk, `${settingKey(f)}: default ${JSON.stringify(d)} is not a ${type}`);
  }
});

test('ranges and enums agree: zod accepts the bounds package.json allows and rejects what it excludes', () => {
  for (const f of fields) {
    const p = props[settingKey(f)]!;
    const schema = SETTINGS[f].schema as z.ZodType;
    const ok = (v: unknown) => schema.safeParse(v).success;
    if (typeof p.minimum === 'number') {
      assert.ok(ok(p.minimum), `${settingKey(f)} accepts its minimum`);
      assert.ok(!ok(p.minimum - 1e-9), `${settingKey(f)} rejects below its minimum`);
    }
    if (typeof p.exclusiveMinimum === 'number') {
      assert.ok(!ok(p.exclusiveMinimum), `${settingKey(f)} rejects its exclusive minimum`);
      assert.ok(ok(p.exclusiveMinimum + 1e-6), `${settingKey(f)} accepts just above it`);
    }
    if (typeof p.maximum === 'number') {
      assert.ok(ok(p.maximum), `${settingKey(f)} accepts its maximum`);
      assert.ok(!ok(p.maximum + 1e-6), `${settingKey(f)} rejects above its maximum`);
    }
    if (p.type === 'integer') assert.ok(!ok(1.5), `${settingKey(f)} rejects a fraction`);
    if (Array.isArray(p.enum)) {
      for (const v of p.enum) assert.ok(ok(v), `${settingKey(f)} accepts ${String(v)}`);
      assert.ok(!ok('not-an-option'), `${settingKey(f)} rejects other values`);
      assert.equal((p.markdownEnumDescriptions as unknown[] | undefined)?.length, p.enum.length, `${settingKey(f)} describes each option`);
    }
  }
});

test('the JSON schemas in package.json are the zod schemas\' (settings.json validates what the extension accepts)', () => {
  const json = (s: z.ZodType) => {
    const j = z.toJSONSchema(s, { io: 'input' }) as Record<string, unknown>;
    delete j.$schema;
    return j;
  };
  assert.deepEqual(props[settingKey('scenarios')]!.items, json(Scenario));
  assert.deepEqual(props[settingKey('baselines')]!.items, json(Baseline));
  const overlay = props[settingKey('catalogOverlay')]!;
  assert.deepEqual(Object.keys(overlay.properties as object).sort(), Object.keys(CatalogOverlay.shape).sort());
  assert.equal(overlay.additionalProperties, false);
});
