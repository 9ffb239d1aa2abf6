import { Command, CommanderError } from 'commander';
import { CatalogError } from '../core/catalog/load';
import { ParameterError } from '../core/engine/params';
import { printError } from './render';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USER_ERROR, UsageError } from './errors';
import { registerAgentic } from './commands/agentic';
import { registerAnalyze } from './commands/analyze';
import { registerTokens } from './commands/tokens';
import { registerPrompt } from './commands/prompt';
import { registerCompare } from './commands/compare';
import { registerPrices } from './commands/prices';
import { registerReproduce } from './commands/reproduce';
import { registerFit } from './commands/fit';
import { registerModels } from './commands/models';
import { registerSessions } from './commands/sessions';
import { version } from '../../package.json';

function buildProgram(): Command {
  const program = new Command('agentcost')
    .description('What one user task of your LLM agent costs: hosted token API vs self-hosted open model on rented GPUs (vLLM).')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCompare(program);
  registerAgentic(program);
  registerReproduce(program);
  registerPrices(program);
  registerAnalyze(program);
  registerTokens(program);
  registerModels(program);
  registerFit(program);
  registerSessions(program);
  registerPrompt(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Runs the CLI; resolves to the exit code: 0 ok, 1 the user's input is wrong, 2 our bug. */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are not errors; commander already printed the message otherwise
      return e.exitCode === 0 ? EXIT_OK : EXIT_USER_ERROR;
    }
    if (e instanceof UsageError || e instanceof ParameterError || e instanceof CatalogError) {
      printError(`agentcost: ${e.message}\n`);
      return EXIT_USER_ERROR;
    }
    process.stderr.write(`agentcost: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_INTERNAL;
  }
}

if (require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
