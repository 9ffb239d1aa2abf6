/**
 * Which browser console messages are AgentCost's: the console check fails on these only. code-server
 * logs its own errors too (a backup write cancelled by a reload, a failed read of the profile's
 * extensions.json), and the temp folder of a run is named agentcost-e2e-…: a message is ours when it
 * comes from our extension's files or webview, or names our extension, not when it merely contains
 * a path with "agentcost" in it.
 */
import { ALERT_MARK, CSP_MARK, type ConsoleEntry } from './browser';

/** The extension id: its install folder (agentcost.agentcost-0.1.0), its webview's `extensionId=`, the extension host's messages about it. */
const NAMES_OUR_EXTENSION = /(^|[^\w.-])agentcost\.agentcost([^\w]|-\d|$)/i;
/** The panel's bundle and styles (dist/webview/…), wherever they are served from. */
const FROM_OUR_WEBVIEW = /\/dist\/webview\//;
/** A CSP report from inside a webview (the panel is the only webview the run opens). */
const IN_A_WEBVIEW = /vscode-cdn\.net|vscode-resource|vscode-webview:/;

export function isOurConsoleProblem(c: ConsoleEntry): boolean {
  if (c.text.includes(ALERT_MARK)) return false; // counted by the hostile scenario and the dialog check
  const where = `${c.url} ${c.text}`;
  if (c.text.includes(CSP_MARK)) return NAMES_OUR_EXTENSION.test(where) || FROM_OUR_WEBVIEW.test(where) || IN_A_WEBVIEW.test(where);
  if (c.type !== 'error') return false;
  return NAMES_OUR_EXTENSION.test(where) || FROM_OUR_WEBVIEW.test(where);
}

/** An uncaught page error (message and stack) thrown by our code: the panel's bundle or the extension. */
export function isOurPageError(messageAndStack: string): boolean {
  return NAMES_OUR_EXTENSION.test(messageAndStack) || FROM_OUR_WEBVIEW.test(messageAndStack);
}
