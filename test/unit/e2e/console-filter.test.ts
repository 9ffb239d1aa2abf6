/**
 * The real-editor suite's console check counts AgentCost's errors only. The messages below have the
 * shapes Chromium gave in real runs (a run's temp folder is /tmp/agentcost-e2e-XXXXXX, the profile
 * lives inside it): code-server's own errors must not count, ours must.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOurConsoleProblem, isOurPageError } from '../../e2e/lib/console-filter';
import { ALERT_MARK, CSP_MARK, type ConsoleEntry } from '../../e2e/lib/browser';

const WORKBENCH = 'http://127.0.0.1:34777/stable-1/static/out/vs/workbench/workbench.web.main.js';
const PROFILE = '/tmp/agentcost-e2e-gUEv0J/profile';
const RESOURCE = `https://file+.vscode-resource.vscode-cdn.net${PROFILE}/extensions/agentcost.agentcost-0.1.0`;
const entry = (text: string, url = WORKBENCH, type = 'error'): ConsoleEntry => ({ t: 0, type, text, url });

test("code-server's own errors are not counted, though the run's temp path says agentcost", () => {
  const theirs = [
    entry(`Unable to write file '${PROFILE}/data/User/Backups/5d7c1e/file/3a9b' (Canceled: Canceled)`),
    entry(`Unable to read file '${PROFILE}/extensions/extensions.json' (Error: Unable to resolve nonexistent file '${PROFILE}/extensions/extensions.json')`),
    // seen in a run of this suite (console.json), during a window reload
    entry("%c  ERR color: #f33 xa: Unable to read file 'vscode-remote:/tmp/agentcost-e2e-63jCBK/profile/user-data/User/settings.json' (Canceled: Canceled)"),
    entry('Failed to load resource: the server responded with a status of 404 (Not Found)', 'http://127.0.0.1:34595/stable-1/static/node_modules/vsda/rust/web/vsda_bg.wasm'),
    // the test harness is another extension
    entry("[Extension Host] Activating extension 'agentcost-test.agentcost-test-harness' failed: boom"),
    // a warning of ours is not an error
    entry(`[Extension Host] slow activation of agentcost.agentcost`, WORKBENCH, 'warning'),
  ];
  for (const c of theirs) assert.equal(isOurConsoleProblem(c), false, c.text);
  assert.equal(isOurPageError(`12 Canceled: Canceled\n    at ${WORKBENCH}:1:2`), false);
});

test('errors of our extension and our webview are counted', () => {
  const ours = [
    // the broken builds of check-broken-build.ts: the bundle not found, the bundle throwing
    entry('Failed to load resource: the server responded with a status of 404 ()', `${RESOURCE}/dist/webview/main-missing.js`),
    entry('Uncaught Error: deliberately broken build', `${RESOURCE}/dist/webview/main.js`),
    entry(`[Extension Host] Activating extension 'agentcost.agentcost' failed due to an error:`),
    entry(`[Extension Host] TypeError: x is undefined\n    at ${PROFILE}/extensions/agentcost.agentcost-0.1.0/dist/extension.js:1:10`),
    // a CSP report from inside the panel's frame (logged by the probe with its document's URL)
    entry(`${CSP_MARK} {"directive":"script-src","blocked":"inline","document":"https://1abc.vscode-cdn.net/fake.html?id=9"}`, 'https://1abc.vscode-cdn.net/fake.html?id=9', 'error'),
  ];
  for (const c of ours) assert.equal(isOurConsoleProblem(c), true, c.text);
  assert.equal(isOurPageError(`40 Error: deliberately broken build\n    at ${RESOURCE}/dist/webview/main.js:1:7`), true);
});

test('an alert from a hostile payload is left to the dialog and hostile checks', () => {
  assert.equal(isOurConsoleProblem(entry(`${ALERT_MARK} alert(1) in x`, `${RESOURCE}/dist/webview/main.js`)), false);
});
