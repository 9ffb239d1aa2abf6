/** The cost panel's HTML and Content-Security-Policy (src/vscode/panel/html.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, panelHtml } from '../../../src/vscode/panel/html';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const input = (nonce = createNonce()) => ({
  cspSource: CSP_SOURCE,
  nonce,
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.css',
});

function cspOf(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(m, 'a CSP meta tag');
  return new Map(m[1]!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
}

test('nonces are fresh, 128-bit and base64', () => {
  const seen = new Set(Array.from({ length: 200 }, createNonce));
  assert.equal(seen.size, 200);
  for (const n of seen) {
    assert.match(n, /^[A-Za-z0-9+/]{22}==$/);
    assert.equal(Buffer.from(n, 'base64').length, 16);
  }
});

test('the CSP starts from default-src none, allows scripts only by this nonce, and no remote origin', () => {
  const i = input();
  const csp = cspOf(panelHtml(i));
  assert.deepEqual(csp.get('default-src'), ["'none'"]);
  assert.deepEqual(csp.get('script-src'), [`'nonce-${i.nonce}'`]);
  assert.deepEqual(csp.get('style-src'), [CSP_SOURCE]);
  assert.deepEqual(csp.get('img-src'), [CSP_SOURCE]);
  assert.deepEqual(csp.get('font-src'), [CSP_SOURCE]);
  assert.deepEqual(csp.get('base-uri'), ["'none'"]);
  const all = [...csp.values()].flat();
  assert.ok(!all.some((v) => /unsafe-(inline|eval)/.test(v)), 'no unsafe-inline / unsafe-eval');
  assert.ok(!all.some((v) => v === '*' || /^https?:$/.test(v) || (/^https?:\/\//.test(v) && v !== CSP_SOURCE)), 'no remote origin but the webview resource origin');
  assert.ok(!csp.has('connect-src'), 'no fetch/XHR/WebSocket anywhere (default-src none covers it)');
});

test('the page is a root element, the stylesheet and one nonce-carrying external script: no inline script or style', () => {
  const i = input();
  const html = panelHtml(i);
  assert.match(html, /<div id="app"><\/div>/);
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.equal(scripts[0]![2], '', 'the script tag has no inline body');
  assert.match(scripts[0]![1]!, new RegExp(`nonce="${i.nonce.replace(/[+/]/g, (c) => `\\${c}`)}"`));
  assert.match(scripts[0]![1]!, /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\/main\.js"/);
  assert.match(html, /<link rel="stylesheet" href="[^"]+main\.css">/);
  assert.ok(!/<style/.test(html) && !/\sstyle=/.test(html) && !/\son[a-z]+=/.test(html), 'no inline style or event handler attribute');
});

test('each render has its own nonce', () => {
  const a = cspOf(panelHtml(input())).get('script-src')![0];
  const b = cspOf(panelHtml(input())).get('script-src')![0];
  assert.notEqual(a, b);
});

test('URIs are attribute-escaped; a bad nonce or cspSource is refused rather than written', () => {
  const html = panelHtml({ ...input(), scriptUri: 'x"><script>alert(1)</script>', styleUri: "a'b" });
  assert.ok(!html.includes('<script>alert(1)'));
  assert.ok(html.includes('x&quot;&gt;&lt;script&gt;'));
  assert.throws(() => contentSecurityPolicy(CSP_SOURCE, "abc'; script-src *"));
  assert.throws(() => contentSecurityPolicy(CSP_SOURCE, 'short'));
  assert.throws(() => contentSecurityPolicy("x; script-src 'unsafe-inline'", createNonce()));
  assert.throws(() => contentSecurityPolicy('https://a.example, https://b.example', createNonce()));
});

test("code-server's multi-token cspSource is accepted as it is", () => {
  // what code-server 4.100.3 hands out (seen in the real-editor run)
  const csp = contentSecurityPolicy("'self' https://*.vscode-cdn.net", createNonce());
  assert.match(csp, /style-src 'self' https:\/\/\*\.vscode-cdn\.net;/);
});
