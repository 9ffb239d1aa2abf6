/**
 * The cost panel's protocol for both bundles: zod-free types and constants, defined beside the core
 * that computes them (src/core/panel/view.ts). The host's zod schema of webview → host messages is
 * src/vscode/panel/messages.ts; the webview imports this file for types only.
 */
export type * from '../core/panel/view';
export { CHART_IDS, K_MAX_LIMIT, PROTOCOL_VERSION } from '../core/panel/view';
