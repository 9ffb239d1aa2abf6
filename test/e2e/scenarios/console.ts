/**
 * The last scenario: what the whole run left in the browser console, dialogs and network log.
 */
import { check, type Scenario } from '../context';
import { ALERT_MARK, CSP_MARK } from '../lib/browser';

export const consoleScenario: Scenario = {
  name: 'console',
  title: 'the whole run: no error from the panel in the console, no dialog, no request off the loopback',
  async run(ctx) {
    const { session } = ctx;
    const ours = session.console.filter(
      (c) => (c.type === 'error' || c.text.includes(CSP_MARK)) && /dist\/webview|agentcost|vscode-resource/i.test(`${c.url} ${c.text}`) && !c.text.includes(ALERT_MARK),
    );
    check(ctx, 'no console error from the panel or the extension', ours.length === 0, JSON.stringify(ours.slice(0, 5)));
    check(ctx, 'no uncaught page error', session.pageErrors.length === 0, JSON.stringify(session.pageErrors.slice(0, 5)));
    check(ctx, 'no dialog', session.dialogs.length === 0, JSON.stringify(session.dialogs));
    check(ctx, 'no request off the loopback interface', session.offline.length === 0, JSON.stringify(session.offline.slice(0, 5)));
  },
};
