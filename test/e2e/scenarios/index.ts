/**
 * The scenarios: each looks at what a person would see and compares the numbers with what the CLI
 * prints for the same file. They run in order in one workbench; each one opens what it needs.
 */
import type { Scenario } from '../context';
import { exportsScenario, paletteScenario } from './commands';
import { consoleScenario } from './console';
import { hoverScenario, integrationScenario, statusBarScenario } from './editor';
import { hugeInputScenario } from './huge-input';
import { hostileScenario, panelScenario, utilizationScenario } from './panel';
import { promptCostsScenario, traceFormatsScenario } from './pipeline';
import { reloadScenario, themesScenario } from './state';
import { restrictedModeScenario, workspaceTracesScenario } from './workspace';
import { liveSessionScenario } from './sessions';

export const SCENARIOS: Scenario[] = [
  integrationScenario,
  statusBarScenario,
  hoverScenario,
  promptCostsScenario,
  panelScenario,
  traceFormatsScenario,
  utilizationScenario,
  hostileScenario,
  workspaceTracesScenario,
  reloadScenario,
  themesScenario,
  paletteScenario,
  restrictedModeScenario,
  exportsScenario,
  liveSessionScenario,
  hugeInputScenario,
  consoleScenario,
];
