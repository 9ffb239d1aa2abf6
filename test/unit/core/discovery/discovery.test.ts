import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { discoverSessions, type DiscoveryEnvironment } from '../../../../src/core/discovery';
import { buildFakeHome } from './fake-home';

const fake = buildFakeHome();
after(() => rmSync(fake.root, { recursive: true, force: true }));
const environment: DiscoveryEnvironment = { home: fake.home, env: fake.env, platform: 'linux' };

describe('discoverSessions on a fake home', () => {
  it('finds exactly the workspace\'s sessions of every agent, and none of the decoys', async () => {
    const { sessions } = await discoverSessions(fake.workspace, { environment });
    const found: Record<string, string[]> = {};
    for (const s of sessions) (found[s.agent] ??= []).push(s.path);
    for (const list of Object.values(found)) list.sort();
    const expected = Object.fromEntries(Object.entries(fake.expected).map(([k, v]) => [k, [...v].sort()]));
    assert.deepEqual(found, expected);
  });

  it('records what each session file says about itself', async () => {
    const { sessions } = await discoverSessions(fake.workspace, { environment });
    const byId = new Map(sessions.map((s) => [`${s.agent}:${s.sessionId}:${s.subagent}`, s]));
    assert.equal(byId.get('claude-code:11111111-aaaa:false')?.title, 'Fix the parser');
    assert.equal(byId.get('claude-code:11111111-aaaa:false')?.started, '2026-03-01T10:00:00.000Z');
    assert.ok(byId.has('claude-code:11111111-aaaa:true'), 'the subagent file is listed as a subagent');
    assert.equal(byId.get('codex:aaaa:false')?.started, '2026-03-02T09:00:00.000Z');
    assert.equal(byId.get('gemini-cli:abcd1234-full:false')?.started, '2026-03-01T10:00:00.000Z');
    assert.equal(byId.get('opencode:ses_ws:false')?.started, new Date(1772791200000).toISOString());
    assert.equal(byId.get('cline:1772791200000:false')?.title, 'Add login');
    assert.equal(byId.get('copilot-chat:c0ffee:false')?.started, new Date(1772791600000).toISOString());
  });

  it('says which tasks it could not place instead of guessing', async () => {
    const { notes } = await discoverSessions(fake.workspace, { environment });
    assert.equal(notes.length, 1);
    assert.match(notes[0]!, /^1 Cline task\(s\) in .*saoudrizwan\.claude-dev record no workspace/);
  });

  it('honors the agent filter and the overrides (an empty list means do not look)', async () => {
    const only = await discoverSessions(fake.workspace, { environment, agents: ['codex'] });
    assert.deepEqual([...new Set(only.sessions.map((s) => s.agent))], ['codex']);
    const none = await discoverSessions(fake.workspace, { environment, overrides: { claudeConfigDirs: [], vscodeUserDirs: [] } });
    assert.ok(!none.sessions.some((s) => s.agent === 'claude-code' || s.agent === 'cline' || s.agent === 'copilot-chat'));
    // without CLAUDE_CONFIG_DIR, ~/.claude is looked at (it holds one session of the workspace)
    const defaults = await discoverSessions(fake.workspace, { environment: { ...environment, env: { HOME: fake.home } }, agents: ['claude-code'] });
    assert.deepEqual(defaults.sessions.map((s) => s.sessionId), ['77777777-default']);
  });

  it('a subfolder workspace sees only its own sessions; a missing home finds nothing and does not throw', async () => {
    const sub = await discoverSessions(`${fake.workspace}/packages/core`, { environment, agents: ['claude-code', 'codex'] });
    assert.deepEqual(sub.sessions.map((s) => s.sessionId).sort(), ['44444444-sub', 'bbbb']);
    const empty = await discoverSessions(fake.workspace, { environment: { home: `${fake.root}/nobody`, env: {}, platform: 'linux' } });
    assert.deepEqual(empty, { sessions: [], notes: [] });
  });
});
