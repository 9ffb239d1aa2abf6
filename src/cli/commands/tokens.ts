import type { Command } from 'commander';
import { DEFAULT_ENCODING, ENCODING_IDS } from '../../core/tokenize';
import { printJson } from '../render';
import { promptFileAndCounter } from '../options';

export function registerTokens(program: Command): void {
  program
    .command('tokens')
    .description('token count of a prompt file')
    .argument('<file>', 'a prompt file')
    .option('--encoding <id>', `${ENCODING_IDS.join(', ')}`, DEFAULT_ENCODING)
    .option('--json', 'print JSON')
    .action(async (path: string, opts: { encoding: string; json?: boolean }) => {
      const { text, counter } = await promptFileAndCounter(path, opts.encoding);
      const tokens = counter.count(text);
      const result = { path, encoding: opts.encoding, tokens, exact: counter.exact };
      if (opts.json) printJson(result);
      else process.stdout.write(`${path}: ${tokens} tokens (${opts.encoding}, ${result.exact ? 'exact' : 'estimated'})\n`);
    });
}
