/**
 * The settings schema (src/shared/config.ts): defaults, one bad value falling back to its default
 * and reported once, bad list entries dropped alone, and the workspace-trust rule for paths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { defaultConfig, parseSettings, ProblemLog, SETTINGS, type SettingField } from '../../../src/shared/config';
import { pathsForTrust, resolveSettingPath } from '../../../src/vscode/model/trust';
import { buildCatalog } from '../../../src/core/catalog/load';

const read = (values: Record<string, unknown>) => (key: string) => values[key];

test('with nothing set every setting has its default; the defaults match the catalog\'s self-host defaults', () => {
  const { config, problems } = parseSettings(read({}));
  assert.deepEqual(problems, []);
  assert.deepEqual(config, defaultConfig());
  const cat = buildCatalog();
  assert.equal(config.utilization, cat.selfHostDefaults.utilization);
  assert.equal(config.overhead, cat.selfHostDefaults.overhead);
  assert.equal(config.defaultModel, cat.agentic.model);
  assert.equal(config.defaultGpu, cat.article.gpu);
  assert.ok(config.promptGlobs.includes('AGENTS.md') && config.promptGlobs.includes('**/system-prompt*.{md,txt}'));
});

test('one bad value falls back to its default, is reported, and the other settings keep their values', () => {
  const { config, problems } = parseSettings(read({ utilization: 1.5, overhead: 0.3, defaultGpu: 'h100', 'tokenizer.encoding': 'cl100k_base' }));
  assert.equal(config.utilization, 0.7);
  assert.equal(config.overhead, 0.3);
  assert.equal(config.defaultGpu, 'h100');
  assert.equal(config.encoding, 'cl100k_base');
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.setting, 'agentcost.utilization');
  assert.match(problems[0]!.message, /agentcost\.utilization = 1\.5 is not valid .*using the default 0\.7/);
});

test('a problem is reported once: the same bad value read again is not new; a different bad value is', () => {
  const log = new ProblemLog();
  const first = parseSettings(read({ utilization: 0, k: 3.5 })).problems;
  assert.equal(log.fresh(first).length, 2);
  assert.equal(log.fresh(parseSettings(read({ utilization: 0, k: 3.5 })).problems).length, 0);
  const changed = log.fresh(parseSettings(read({ utilization: -1, k: 3.5 })).problems);
  assert.deepEqual(changed.map((p) => p.setting), ['agentcost.utilization']);
});

test('a bad scenario is dropped alone; the valid ones are kept in order', () => {
  const scenarios = [
    { name: 'ours', model: 'deepseek-v3.2', gpu: 'h200' },
    { name: 'typo', selfHost: { utilisation: 0.5 } },
    { name: 'custom', api: { inputPerM: 1, outputPerM: 2 } },
  ];
  const { config, problems } = parseSettings(read({ scenarios }));
  assert.deepEqual(config.scenarios.map((s) => s.name), ['ours', 'custom']);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.message, /agentcost\.scenarios\[1\] is ignored/);
});

test('wrong types fall back per setting: a string for a list, a number for a string, an unknown encoding', () => {
  const { config, problems } = parseSettings(read({ promptGlobs: '**/*.md', defaultModel: 7, 'tokenizer.encoding': 'gpt2', gpuPrices: { b200: -1 } }));
  const d = defaultConfig();
  assert.deepEqual(config.promptGlobs, d.promptGlobs);
  assert.equal(config.defaultModel, d.defaultModel);
  assert.equal(config.encoding, 'o200k_base');
  assert.deepEqual(config.gpuPrices, {});
  assert.deepEqual(problems.map((p) => p.setting).sort(), ['agentcost.defaultModel', 'agentcost.gpuPrices', 'agentcost.promptGlobs', 'agentcost.tokenizer.encoding']);
});

test('defaults handed out are copies: changing one does not change the next', () => {
  const a = defaultConfig();
  a.promptGlobs.push('x');
  assert.ok(!defaultConfig().promptGlobs.includes('x'));
  for (const f of Object.keys(SETTINGS) as SettingField[]) assert.ok(SETTINGS[f].key.length > 0);
});

test('setting paths: ~ and relative paths resolve; in an untrusted workspace a path outside it is ignored', () => {
  const root = '/ws/project';
  const home = '/home/me';
  assert.equal(resolveSettingPath('~/.claude/projects', root, home), '/home/me/.claude/projects');
  assert.equal(resolveSettingPath('traces', root, home), join(root, 'traces'));
  assert.equal(resolveSettingPath('traces', undefined, home), null);
  const paths = ['traces', '/ws/project/more', '~/.claude/projects', '/etc', '../sibling'];
  const trusted = pathsForTrust(paths, { trusted: true, roots: [root], home });
  assert.equal(trusted.kept.length, 5);
  const untrusted = pathsForTrust(paths, { trusted: false, roots: [root], home });
  assert.deepEqual(untrusted.kept, [join(root, 'traces'), '/ws/project/more']);
  assert.deepEqual(untrusted.ignored.map((i) => i.path), ['~/.claude/projects', '/etc', '../sibling']);
  assert.ok(untrusted.ignored.every((i) => /not trusted/.test(i.reason)));
  // a folder whose name only starts like the root is outside it
  assert.equal(pathsForTrust(['/ws/project-evil'], { trusted: false, roots: [root], home }).kept.length, 0);
});
