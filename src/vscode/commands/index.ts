/** Every command's implementation, by id: the table is exhaustive over CommandId (a new id fails to compile until it has one). */
import { CommandId } from '../../shared/commands';
import type { CommandContext } from './context';
import { compareScenarios, setUtilization } from './compare';
import { exportSnapshot } from '../panel/export';
import { importVllmBenchmark } from './import-bench';
import { analyzeCurrentTraceFile, currentSnapshot, openPanel, openTraceItem } from './open';
import { editScenarios } from './settings';
import { countSelectionTokens, showAssumptions } from './text';
import { analyzeWorkspaceTraces } from './workspace';

type Handler = (ctx: CommandContext, args: readonly unknown[]) => Promise<unknown>;

export const COMMANDS: Record<CommandId, Handler> = {
  [CommandId.openPanel]: openPanel,
  [CommandId.analyzeCurrentTraceFile]: analyzeCurrentTraceFile,
  [CommandId.analyzeWorkspaceTraces]: analyzeWorkspaceTraces,
  [CommandId.compareScenarios]: (ctx) => compareScenarios(ctx),
  [CommandId.setUtilization]: (ctx) => setUtilization(ctx),
  [CommandId.editScenarios]: () => editScenarios(),
  [CommandId.exportReport]: async (ctx) => exportSnapshot(await currentSnapshot(ctx)),
  [CommandId.importVllmBenchmark]: (ctx) => importVllmBenchmark(ctx),
  [CommandId.showAssumptions]: (ctx) => showAssumptions(ctx),
  [CommandId.countSelectionTokens]: (ctx) => countSelectionTokens(ctx),
  [CommandId.openTraceItem]: openTraceItem,
};
