import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { z } from 'zod';
import { buildCatalog } from '../../../src/core/catalog/load';
import { AGENT_IDS } from '../../../src/core/discovery';
import type { AnalyzeOptions } from '../../../src/core/inference/analyze';
import { traceModelPricing } from '../../../src/core/inference/pricing';
import { resolveScenario } from '../../../src/core/scenario';
import { formatUsd } from '../../../src/core/format';
import { ratesBand } from '../../../src/core/pipeline/self-host-range';
import { LiveAnalysis } from '../../../src/core/traces/incremental/live-analysis';
import { readers } from '../../../src/core/traces/readers';
import { DiscoveryLocationsSetting, defaultConfig } from '../../../src/shared/config';
import { burnRate } from '../../../src/vscode/sessions/burn-rate';
import { liveStatusText, liveSummary } from '../../../src/vscode/sessions/live-summary';
import { sessionItem, sessionsChildren, sessionsRoot, type SessionsState } from '../../../src/vscode/sessions/nodes';
import { discoveryOptions } from '../../../src/vscode/sessions/options';
import { REPO_ROOT } from '../helpers/shared';
import { buildFakeHome } from '../core/discovery/fake-home';

const fake = buildFakeHome();
after(() => rmSync(fake.root, { recursive: true, force: true }));

describe('burnRate', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  const at = (min: number) => new Date(now - min * 60_000).toISOString();
  it('sums the calls inside the window only, per hour', () => {
    const calls = [{ timestamp: at(1), cost: 1 }, { timestamp: at(10), cost: 2 }, { timestamp: at(61), cost: 4 }, { timestamp: null, cost: 8 }];
    assert.deepEqual(burnRate(calls, now, 5), { perHour: 12, calls: 1 });
    assert.deepEqual(burnRate(calls, now, 60), { perHour: 3, calls: 2 });
    assert.deepEqual(burnRate([], now, 5), { perHour: 0, calls: 0 });
  });
  it('is unknown (null), not a smaller number, when a call in the window is unpriced', () => {
    assert.equal(burnRate([{ timestamp: at(1), cost: 1 }, { timestamp: at(2), cost: null }], now, 5).perHour, null);
  });
});

describe('discoveryOptions', () => {
  const env = { home: '/home/z', env: {}, platform: 'linux' as const };
  it('expands ~, puts the running editor\'s User folder first, and passes the agent list', () => {
    const c = { ...defaultConfig(), discoveryLocations: { codexHome: '~/work/.codex', claudeConfigDirs: ['~', '/abs'] } };
    const o = discoveryOptions(c, env, '/home/z/.config/Code - OSS/User');
    assert.equal(o.overrides?.codexHome, '/home/z/work/.codex');
    assert.deepEqual(o.overrides?.claudeConfigDirs, ['/home/z', '/abs']);
    assert.equal(o.overrides?.vscodeUserDirs?.[0], '/home/z/.config/Code - OSS/User');
    assert.ok(o.overrides?.vscodeUserDirs?.includes('/home/z/.config/Code/User'));
    assert.equal(o.overrides?.geminiDir, undefined, 'not set: the default stays');
    assert.deepEqual(o.agents, [...AGENT_IDS]);
  });
});

describe('agentcost.discovery.locations: package.json and zod agree', () => {
  it('same properties, closed object', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { properties: object; additionalProperties: boolean }> } } };
    const p = pkg.contributes.configuration.properties['agentcost.discovery.locations']!;
    const j = z.toJSONSchema(DiscoveryLocationsSetting) as { properties: object };
    assert.deepEqual(Object.keys(p.properties).sort(), Object.keys(j.properties).sort());
    assert.equal(p.additionalProperties, false);
  });
});

describe('the live summary of a session being written', () => {
  const cat = buildCatalog([]);
  const opts: AnalyzeOptions = { readers, tokenizer: () => Promise.reject(new Error('no')), priceOf: traceModelPricing(cat).priceOf, selfHost: resolveScenario(cat).selfHost };
  const path = fake.expected['claude-code']!.find((p) => p.endsWith('11111111-aaaa.jsonl'))!;
  const band = ratesBand(cat, resolveScenario(cat));

  it('counts calls, the current task\'s k and the billed cost; the 5-minute burn rate is that cost ×12', async () => {
    const u = await new LiveAnalysis(path, opts).update();
    // the transcript's calls are at 10:00:00, 10:01:00, 10:02:00 (first line of each response)
    const now = Date.parse('2026-03-01T10:03:00.000Z');
    const s = liveSummary('claude-code', u.analysis, u.parsed, opts.priceOf, opts.selfHost, band, now);
    assert.equal(s.calls, 3);
    assert.equal(s.currentTaskK, 3);
    // by hand: request i has 10 uncached in ($3/M), 100 cache write ($3.75/M), 1000(i+1) cache read ($0.30/M), 50 out ($15/M)
    let billed = 0;
    for (let i = 0; i < 3; i++) billed += (10 * 3 + 100 * 3.75 + 1000 * (i + 1) * 0.3 + 50 * 15) / 1e6;
    assert.ok(Math.abs(s.apiBilled! - billed) < 1e-12);
    const five = s.burn.find((b) => b.minutes === 5)!;
    assert.equal(five.api.calls, 3);
    assert.ok(Math.abs(five.api.perHour! - billed * 12) < 1e-9);
    // an hour later the 5-minute window is empty: windowed, not cumulative
    const later = liveSummary('claude-code', u.analysis, u.parsed, opts.priceOf, opts.selfHost, band, now + 60 * 60_000);
    assert.deepEqual(later.burn.find((b) => b.minutes === 5)!.api, { perHour: 0, calls: 0 });
    const { text, tooltip } = liveStatusText(s);
    assert.match(text, /^\$\(pulse\) 3 calls · k 3 · API \$/);
    assert.match(tooltip, /Last 60 min \(3 calls\)/);
    assert.ok(!/NaN|Infinity/.test(text + tooltip));
  });

  it('self-host figures say ≈ and the tooltip gives the range (point / band high … point / band low); none without a band', async () => {
    const u = await new LiveAnalysis(path, opts).update();
    const now = Date.parse('2026-03-01T10:03:00.000Z');
    assert.ok(band, 'the default scenario\'s catalog throughput has a band');
    const s = liveSummary('claude-code', u.analysis, u.parsed, opts.priceOf, opts.selfHost, band, now);
    const point = s.selfHost;
    assert.ok(point !== null && point > 0);
    // the division done here, not by selfHostRange
    const [lo, hi] = [point / band.high, point / band.low];
    const { text, tooltip } = liveStatusText(s);
    assert.ok(text.endsWith(`self-host ≈${formatUsd(point)}`), text);
    assert.ok(tooltip.includes(`prefix reuse) ≈${formatUsd(point)} (${formatUsd(lo)}–${formatUsd(hi)})`), tooltip);
    const plain = liveStatusText(liveSummary('claude-code', u.analysis, u.parsed, opts.priceOf, opts.selfHost, null, now));
    assert.ok(!(plain.text + plain.tooltip).includes('≈'), 'rates without a band: no ≈');
    assert.ok(plain.text.endsWith(`self-host ${formatUsd(point)}`), plain.text);

    // the Agent Traces row of the same session: the same wording
    const row = { session: { agent: 'claude-code' as const, path, sessionId: 'x', started: null, title: null, subagent: false, cwd: '/w' }, analysis: u.analysis };
    const item = sessionItem(row, band);
    assert.ok(item.kind === 'sessions-item');
    assert.ok(item.description.endsWith(`self-host ≈${formatUsd(point)}`), item.description);
    assert.ok(item.tooltip.includes(`with reuse ≈${formatUsd(point)} (${formatUsd(lo)}–${formatUsd(hi)})`), item.tooltip);
    const bare = sessionItem(row, null);
    assert.ok(bare.kind === 'sessions-item' && !bare.description.includes('≈') && !bare.tooltip.includes('≈'), 'no band: no ≈');
  });
});

describe('the "This workspace" nodes', () => {
  it('in Restricted Mode: one line that says why and leads to Workspace Trust', () => {
    const state: SessionsState = { kind: 'untrusted' };
    const [info] = sessionsChildren(state, sessionsRoot(state));
    assert.equal(info?.kind, 'sessions-info');
    assert.ok(info?.kind === 'sessions-info' && info.action === 'trust' && /Restricted Mode/.test(info.label));
  });
  it('groups by agent, newest first, unread formats marked', () => {
    const s = (agent: 'codex' | 'cline', path: string, started: string) => ({ agent, path, sessionId: path, started, title: null, subagent: false, cwd: '/w' });
    const state: SessionsState = { kind: 'ready', notes: [], band: null, sessions: [{ session: s('codex', '/a', '2026-01-01T00:00:00Z'), analysis: null }, { session: s('codex', '/b', '2026-02-01T00:00:00Z'), analysis: null }, { session: s('cline', '/c', '2026-01-05T00:00:00Z'), analysis: null }] };
    const agents = sessionsChildren(state, sessionsRoot(state));
    assert.deepEqual(agents.map((a) => a.kind === 'sessions-agent' && a.agent), ['codex', 'cline']);
    const codex = sessionsChildren(state, agents[0]!);
    assert.deepEqual(codex.map((n) => n.kind === 'sessions-item' && n.path), ['/b', '/a']);
    assert.ok(codex.every((n) => n.kind === 'sessions-item' && !n.readable));
  });
});
