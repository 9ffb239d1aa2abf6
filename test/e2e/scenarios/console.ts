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
    // an alert, confirm or prompt could only come from a payload in our panel; a beforeunload is the
    // workbench's own question about unsaved files at a reload (accepted by the driver), logged here
    const ourDialogs = session.dialogs.filter((d) => d.type !== 'beforeunload');
    const reloads = session.dialogs.length - ourDialogs.length;
    if (reloads > 0) ctx.log(`  (${reloads} beforeunload question(s) of the workbench at a reload, accepted, not counted: see console.log)`);
    check(ctx, 'no alert, confirm or prompt dialog', ourDialogs.length === 0, JSON.stringify(ourDialogs));
    check(ctx, 'no request off the loopback interface', session.offline.length === 0, JSON.stringify(session.offline.slice(0, 5)));
  },
};
