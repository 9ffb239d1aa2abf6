/**
 * The last scenario: what the whole run left in the browser console, dialogs and network log.
 */
import { check, type Scenario } from '../context';
import { isOurConsoleProblem, isOurPageError } from '../lib/console-filter';

export const consoleScenario: Scenario = {
  name: 'console',
  title: 'the whole run: no error from the panel in the console, no dialog, no request off the loopback',
  async run(ctx) {
    const { session } = ctx;
    // code-server's own errors (a backup cancelled by a reload, …) are not ours: see console-filter.ts
    const ours = session.console.filter(isOurConsoleProblem);
    check(ctx, 'no console error from the panel or the extension', ours.length === 0, JSON.stringify(ours.slice(0, 5)));
    const ourPageErrors = session.pageErrors.filter(isOurPageError);
    check(ctx, 'no uncaught page error from the panel or the extension', ourPageErrors.length === 0, JSON.stringify(ourPageErrors.slice(0, 5)));
    const others = session.console.filter((c) => c.type === 'error' && !isOurConsoleProblem(c)).length + session.pageErrors.length - ourPageErrors.length;
    if (others > 0) ctx.log(`  (${others} console/page errors of code-server itself, not counted: see console.log)`);
    check(ctx, 'no dialog', session.dialogs.length === 0, JSON.stringify(session.dialogs));
    check(ctx, 'no request off the loopback interface', session.offline.length === 0, JSON.stringify(session.offline.slice(0, 5)));
  },
};
