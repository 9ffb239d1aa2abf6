import type { Command } from 'commander';
import { DEFAULT_ENCODING, ENCODING_IDS } from '../../core/tokenize';
import { printJson, printText, safeLine } from '../render';
import { promptFileAndCounter } from '../options';

export function registerTokens(program: Command): void {
  program
    .command('tokens')
    .description('token count of a prompt file')
    .argument('<file>', 'a prompt file')
    .option('--encoding <id>', `${ENCODING_IDS.join(', ')}`, DEFAULT_ENCODING)
    .option('--json', 'print JSON')
    .action(async (path: string, opts: { encoding: string; json?: boolean }) => {
      const { text, counter, fileEncoding, invalidUtf8 } = await promptFileAndCounter(path, opts.encoding);
      const tokens = counter.count(text);
      const result = { path, encoding: opts.encoding, tokens, exact: counter.exact, fileEncoding, invalidUtf8 };
      if (opts.json) printJson(result);
      else {
        const notes = [opts.encoding, result.exact ? 'exact' : 'estimated', ...(fileEncoding !== 'utf-8' ? [`read as ${fileEncoding}`] : []), ...(invalidUtf8 ? ['invalid UTF-8 replaced by U+FFFD'] : [])];
        printText(`${safeLine(path)}: ${tokens} tokens (${notes.join(', ')})\n`);
      }
    });
}
