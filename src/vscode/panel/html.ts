/**
 * The cost panel's HTML: a root element, the webview bundle's stylesheet and script, and a strict
 * Content-Security-Policy. Pure (node:crypto only): the vscode layer passes `webview.cspSource` and
 * the `asWebviewUri` strings.
 *
 * - `default-src 'none'`: nothing loads unless listed; no network origin is ever listed.
 * - scripts only with this render's nonce (a fresh 128-bit `crypto.randomBytes` value each time the
 *   HTML is set); no inline script, no `'unsafe-inline'`, no `'unsafe-eval'`.
 * - styles, fonts and images only from the extension's webview resources (`cspSource`); the charts
 *   draw on canvas/SVG and export through toDataURL, which needs no image source.
 * - no trace text, file name or setting is written into the HTML: all data arrives by postMessage.
 */
import { randomBytes } from 'node:crypto';

export interface PanelHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  /** `webview.asWebviewUri(dist/webview/main.js)` as a string. */
  scriptUri: string;
  /** `webview.asWebviewUri(dist/webview/main.css)` as a string. */
  styleUri: string;
}

/** A fresh nonce: 16 random bytes, base64 (only [A-Za-z0-9+/=], safe in an attribute and a CSP). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

const ATTR: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

/** For a double-quoted attribute value (every attribute here is double-quoted). */
export function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (c) => ATTR[c]!);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new Error('nonce must be base64 of at least 12 random bytes');
  // cspSource is one or more source expressions (code-server: `'self' https://*.vscode-cdn.net`);
  // refuse only what could end the directive or inject another one.
  if (!/^[^;,\r\n"<>]+$/.test(cspSource.trim())) throw new Error(`unexpected webview.cspSource: ${cspSource}`);
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function panelHtml(h: PanelHtmlInput): string {
  const csp = contentSecurityPolicy(h.cspSource, h.nonce);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<link rel="stylesheet" href="${escapeAttribute(h.styleUri)}">`,
    '<title>AgentCost</title>',
    '</head>',
    '<body>',
    '<div id="app"></div>',
    `<script nonce="${escapeAttribute(h.nonce)}" src="${escapeAttribute(h.scriptUri)}"></script>`,
    '</body>',
    '</html>',
  ].join('\n');
}
