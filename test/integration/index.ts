/**
 * The @vscode/test-electron entry (`extensionTestsPath`): VS Code calls `run()` inside its extension
 * host once the extension under development is loaded. Reads its configuration from the file named by
 * AGENTCOST_IT_CONFIG (written by runTest.ts).
 */
import { readFileSync } from 'node:fs';
import { runAll } from './runner';
import { buildSuite, type IntegrationConfig } from './suite';

export async function run(): Promise<void> {
  const file = process.env.AGENTCOST_IT_CONFIG;
  if (!file) throw new Error('AGENTCOST_IT_CONFIG is not set');
  const cfg = JSON.parse(readFileSync(file, 'utf8')) as IntegrationConfig;
  const outcomes = await runAll(buildSuite(cfg), (l) => console.log(l));
  const failed = outcomes.filter((o) => !o.ok);
  console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length) throw new Error(`${failed.length} integration test(s) failed: ${failed.map((f) => f.name).join('; ')}`);
}
