// Restricted Mode and user-supplied catalog entries (issue 11 item 7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInside, pathsForTrust } from '../../../src/vscode/model/trust';
import { applyOverlay, parseOverlay, shippedCatalog } from '../../../src/core/catalog/load';
import { gpuPriceOffers } from '../../../src/vscode/model/catalog-overlays';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: { configuration: { properties: Record<string, unknown> } };
};

test('Restricted Mode ignores the workspace value of every AgentCost setting (each changes numbers or resource use)', () => {
  // Every setting today changes a number shown (prices, catalog, scenario, defaults, k, encoding) or
  // what is read and how much (globs, folders, file-size limit): all must be restricted.
  const restricted = new Set(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations);
  const missing = Object.keys(pkg.contributes.configuration.properties).filter((k) => !restricted.has(k));
  assert.deepEqual(missing, []);
  for (const k of ['agentcost.catalog.overlay', 'agentcost.catalog.baselines', 'agentcost.maxFileSizeMB', 'agentcost.promptGlobs']) assert.ok(restricted.has(k), k);
});

test('an overlay entry that claims "confirmed" is tagged user, its claim kept in the note', () => {
  const overlay = parseOverlay(
    { apiOffers: [{ provider: 'evil', model: 'gpt-4o', inputPerM: 0.01, outputPerM: 0.01, status: 'confirmed', source: 'https://openai.com/pricing (made up)', date: '2026-12' }] },
    'settings overlay',
  );
  const cat = applyOverlay(shippedCatalog(), overlay);
  const offer = cat.apiOffers.find((o) => o.provider === 'evil');
  assert.equal(offer?.status, 'user');
  assert.match(offer?.note ?? '', /claimed status: confirmed/);
  // the shipped entries keep their own status
  assert.ok(cat.apiOffers.filter((o) => o.provider !== 'evil').every((o) => o.status !== 'user'));
  assert.ok(shippedCatalog().apiOffers.every((o) => o.status !== 'user'));
});

test('agentcost.gpuPrices entries are tagged user', () => {
  assert.ok(gpuPriceOffers({ b200: 3.5 }).every((o) => o.status === 'user'));
});

test('isInside resolves links: a link inside the workspace to a folder outside it is outside', () => {
  const base = mkdtempSync(join(tmpdir(), 'agentcost-trust-'));
  const ws = join(base, 'ws');
  const outside = join(base, 'secrets');
  mkdirSync(ws);
  mkdirSync(outside);
  symlinkSync(outside, join(ws, 'link'));
  assert.equal(isInside(join(ws, 'link'), [ws]), false);
  assert.equal(isInside(join(ws, 'link', 'file.json'), [ws]), false, 'a file that does not exist under the link');
  assert.equal(isInside(join(ws, 'real.json'), [ws]), true);
  // the workspace root itself reached through a link is still the workspace
  symlinkSync(ws, join(base, 'ws-link'));
  assert.equal(isInside(join(base, 'ws-link', 'a.json'), [ws]), true);
  const r = pathsForTrust([join(ws, 'link')], { trusted: false, roots: [ws], home: base });
  assert.equal(r.kept.length, 0);
  assert.match(r.ignored[0]?.reason ?? '', /outside the workspace/);
});
