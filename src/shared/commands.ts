/**
 * Every id the extension contributes in package.json, in one place: command ids, the tree view,
 * the webview panel's view type, the status bar item, the settings section and context keys.
 * Pure constants (no vscode, no zod): the extension's eager activation path imports this file, and
 * test/unit/vscode/package-drift.test.ts keeps it equal to package.json's `contributes`.
 */

export const CommandId = {
  openPanel: 'agentcost.openPanel',
  analyzeCurrentTraceFile: 'agentcost.analyzeCurrentTraceFile',
  analyzeWorkspaceTraces: 'agentcost.analyzeWorkspaceTraces',
  compareScenarios: 'agentcost.compareScenarios',
  setUtilization: 'agentcost.setUtilization',
  editScenarios: 'agentcost.editScenarios',
  exportReport: 'agentcost.exportReport',
  importVllmBenchmark: 'agentcost.importVllmBenchmark',
  showAssumptions: 'agentcost.showAssumptions',
  countSelectionTokens: 'agentcost.countSelectionTokens',
  /** Internal: a click on a task or file of the Agent Traces view (hidden from the palette). */
  openTraceItem: 'agentcost.openTraceItem',
} as const;
export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** Commands the palette never shows (their `when` is `false`): they need arguments. */
export const INTERNAL_COMMANDS: readonly CommandId[] = [CommandId.openTraceItem];

export const COMMAND_CATEGORY = 'AgentCost';

/** The cost panel's webview view type (also `onWebviewPanel:<viewType>` in activationEvents). */
export const PANEL_VIEW_TYPE = 'agentcost.costPanel';

/** The "Agent Traces" tree view, contributed to the Explorer. */
export const TRACES_VIEW_ID = 'agentcost.traces';

/** The status bar item's id; its `name` is STATUS_BAR_NAME (what the e2e tests look for). */
export const STATUS_BAR_ID = 'agentcost.status';
export const STATUS_BAR_NAME = 'AgentCost';

/** `workspace.getConfiguration(CONFIG_SECTION)`; every setting key is `agentcost.<key>`. */
export const CONFIG_SECTION = 'agentcost';

/** Context keys set by the extension, used in package.json `when` clauses. */
export const ContextKey = {
  /** True when the active editor is a prompt file (matches agentcost.promptGlobs). */
  promptFile: 'agentcost.promptFile',
} as const;
