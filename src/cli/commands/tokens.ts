import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { createTokenCounter, isEncodingId, DEFAULT_ENCODING, ENCODING_IDS } from '../../core/tokenize';
import { printJson, printText } from '../render';
import { UsageError } from '../errors';

export function registerTokens(program: Command): void {
  program
    .command('tokens')
    .description('token count of a prompt file')
    .argument('<file>', 'a prompt file')
    .option('--encoding <id>', `${ENCODING_IDS.join(', ')}`, DEFAULT_ENCODING)
    .option('--json', 'print JSON')
    .action(async (path: string, opts: { encoding: string; json?: boolean }) => {
      if (!isEncodingId(opts.encoding)) throw new UsageError(`--encoding must be one of ${ENCODING_IDS.join(', ')}, got "${opts.encoding}"`);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
      let counter;
      try {
        counter = await createTokenCounter(opts.encoding);
      } catch (e) {
        throw new UsageError(e instanceof Error ? e.message : String(e));
      }
      const tokens = counter.count(text);
      const result = { path, encoding: opts.encoding, tokens, exact: counter.exact };
      if (opts.json) printJson(result);
      else printText(`${path}: ${tokens} tokens (${opts.encoding}, ${result.exact ? 'exact' : 'estimated'})\n`);
    });
}
