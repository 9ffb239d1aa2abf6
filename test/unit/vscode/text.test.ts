/** Status bar, hover and CodeLens text builders (src/vscode/text). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog } from '../../../src/core/catalog/load';
import { defaultConfig } from '../../../src/shared/config';
import { CommandId } from '../../../src/shared/commands';
import { promptCostsFromConfig as promptCosts } from '../../../src/vscode/model/prompt-costs';
import { traceSummary } from '../../../src/vscode/model/trace-summary';
import { openPanelLink, promptCodeLensTitle, promptHoverError, promptHoverMarkdown } from '../../../src/vscode/text/hover';
import { busyStatusView, errorStatusView, idleStatusView, promptStatusView, traceStatusView } from '../../../src/vscode/text/status-bar';
import { formatCount, tokenLabel, type TokenCountView } from '../../../src/vscode/text/tokens';
import { analyzeExample } from './fixtures';

const cat = buildCatalog();
const HOSTILE = '<img src=x onerror=alert(1)> | `x` [link](javascript:alert(1))';
const view = (over: Partial<TokenCountView> = {}): TokenCountView => ({ tokens: 1234, exact: true, encoding: 'o200k_base', modelName: 'DeepSeek V3.2', modelEncoding: 'deepseek-v3', ...over });

function costs(tokens = 1234) {
  const config = defaultConfig();
  config.scenarios = [{ name: HOSTILE, model: 'qwen3-32b', provider: 'deepinfra', gpu: 'h100' }];
  return promptCosts(cat, config, tokens, null);
}

test('every status bar text starts with $(graph) (what the end-to-end tests look for)', async () => {
  const c = costs();
  const views = [idleStatusView(), busyStatusView('counting'), errorStatusView('boom'), promptStatusView(view(), c), traceStatusView('s.jsonl', traceSummary(await analyzeExample()))];
  for (const v of views) assert.match(v.text, /^\$\(graph\) /);
  assert.equal(idleStatusView().text, '$(graph) AgentCost');
});

test('prompt status: about N tokens and $ per call on the API and self-hosted, for the default scenario', () => {
  const c = costs();
  const s = promptStatusView(view(), c);
  // o200k_base is not DeepSeek's own tokenizer: "about"
  assert.equal(s.text, `$(graph) ~1,234 tok · API $0.000434 · self-host ≈$0.000981 /call`);
  assert.equal(c.scenarios[0]!.perCall.api, (1234 * 0.26 + 299 * 0.38) / 1e6, 'DeepInfra V3.2 price set B: 1234 input + 299 output tokens');
  assert.match(s.tooltip, /per task at k = 20 \(the article's k\)/);
  // the model's own tokenizer: no tilde
  assert.match(promptStatusView(view({ encoding: 'deepseek-v3' }), c).text, /^\$\(graph\) 1,234 tok/);
});

test('trace status: mean k and API vs self-host $ per task of the file', async () => {
  const f = await analyzeExample();
  const s = traceSummary(f);
  const v = traceStatusView('claude-code-session.jsonl', s);
  assert.equal(s.tasks, 2);
  assert.equal(s.meanK, 4); // 5 and 3 calls (see cli-analyze.test.ts)
  assert.match(v.text, /^\$\(graph\) k 4 · API \$[0-9.]+ · self-host \$[0-9.]+ \/task$/);
  assert.equal(s.apiBasis, 'billed', 'Claude Code usage records the cache split');
  assert.match(v.tooltip, /2 task\(s\), means per task/);
  assert.match(traceStatusView('x.json', { ...s, tasks: 0 }).text, /no tasks/);
  // the verdict, when the store computed one, comes first in the tooltip
  const withVerdict = traceStatusView('claude-code-session.jsonl', { ...s, verdict: 'Self-hosting X is cheapest at k = 4: $0.00825 per task' }).tooltip.split('\n');
  assert.equal(withVerdict[2], '**Self-hosting X is cheapest at k = 4: $0.00825 per task**');
});

test('hover: count, encoding, exact/estimated label, $ per call and per task with and without cache, panel link', () => {
  const c = costs();
  const md = promptHoverMarkdown({ file: view(), costs: c, uri: 'file:///ws/AGENTS.md' });
  assert.match(md, /1,234 tokens · exact for o200k\\_base; an estimate for DeepSeek V3\.2 \(its tokenizer: deepseek-v3\)/);
  assert.match(md, /\| \$\/call API \| \$\/call self-host \| \$\/task API no cache \/ cached \| \$\/task self-host no reuse \/ reuse \|/);
  const row = md.split('\n').find((l) => l.startsWith('| DeepSeek V3.2'))!;
  const s = c.scenarios[0]!;
  assert.ok(row.includes(`$0.0201 / $0.0122`), row);
  assert.ok(s.perTask.apiCached! < s.perTask.apiNoCache!, 'caching makes the task cheaper');
  assert.ok(s.perTask.selfHostReuse! < s.perTask.selfHostNoReuse!, 'prefix reuse makes it cheaper');
  assert.ok(md.includes(`(${openPanelLink('file:///ws/AGENTS.md')})`));
  assert.ok(openPanelLink('file:///ws/AGENTS.md').startsWith(`command:${CommandId.openPanel}?`));
  assert.deepEqual(JSON.parse(decodeURIComponent(openPanelLink('file:///a b/x.md').split('?')[1]!)), ['file:///a b/x.md']);
  assert.ok(!/Selection/.test(md));
});

test('hover on a selection adds the selection\'s count', () => {
  const md = promptHoverMarkdown({ file: view(), selection: view({ tokens: 17 }), costs: costs(), uri: 'file:///x.md' });
  assert.match(md, /Selection: \*\*17 tokens\*\* \(o200k\\_base\)/);
});

test('hover text from settings is escaped: no HTML, link or table break from a scenario name', () => {
  const md = promptHoverMarkdown({ file: view(), costs: costs(), uri: 'file:///x.md' });
  const row = md.split('\n').find((l) => l.includes('img'))!;
  assert.ok(row.includes('\\<img src=x onerror=alert(1)\\>'), row);
  assert.ok(!/[^\\]<img/.test(md));
  assert.ok(row.includes('\\| \\`x\\` \\[link\\](javascript:alert(1))'), row);
  assert.equal(row.split(/(?<!\\)\|/).length - 2, 5, 'still five cells');
  assert.equal(promptHoverError('<b>x</b>'), '**AgentCost**: \\<b\\>x\\</b\\>');
});

test('CodeLens: one line with the same numbers as the hover', () => {
  const c = costs();
  const t = promptCodeLensTitle(view(), c);
  assert.ok(!t.includes('\n'));
  assert.equal(t, 'AgentCost: ~1,234 tokens · per call API $0.000434 vs self-host ≈$0.000981 · per task (k=20) API $0.0122 cached vs self-host ≈$0.0136 with reuse');
});

test('token labels and counts', () => {
  assert.equal(tokenLabel(view({ encoding: 'deepseek-v3' })), "exact (deepseek-v3, DeepSeek V3.2's own tokenizer)");
  assert.match(tokenLabel(view({ exact: false })), /^estimated/);
  assert.equal(tokenLabel(view({ modelEncoding: undefined, modelName: 'GLM 4.7' })), 'exact for o200k_base; an estimate for GLM 4.7');
  assert.deepEqual([formatCount(999), formatCount(123_456), formatCount(2_500_000)], ['999', '123,456', '2.50M']);
});
