import type { Assumption } from '../core/assumptions';
import { assertFiniteDeep } from '../core/format';
import { TAG_LEGEND, tagOf } from '../core/tags';

/** Left-aligned text columns, right-aligned numbers: enough for terminal tables without a dependency. */
export function table(headers: string[], rows: string[][], rightAlign: boolean[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (rightAlign[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The one tag per status (core/tags.ts), for every CLI table and block. */
export const TAG: Record<Assumption['status'], string> = { confirmed: tagOf('confirmed'), derived: tagOf('derived'), estimated: tagOf('estimated'), user: tagOf('user') };

/** Every assumption with its tag, source and date: a number without its source is a defect. */
export function assumptionsBlock(list: readonly Assumption[]): string {
  const lines = list.map((a) => {
    const value = a.value === null ? 'n/a' : `${a.value}${a.unit ? ` ${a.unit}` : ''}`;
    return `  ${TAG[a.status]} ${a.label}: ${value}\n        source: ${a.source}${a.date ? ` (${a.date})` : ''}`;
  });
  const estimated = list.some((a) => a.status === 'estimated');
  return [
    `Assumptions (${TAG_LEGEND}):`,
    ...lines,
    ...(estimated ? ['  Results above depend on estimated [E] values.'] : []),
  ].join('\n');
}

/**
 * Control characters a terminal acts on (ESC sequences clear the screen or set the window title;
 * C1 controls; DEL) and bidirectional overrides that reorder what is shown: trace text, file
 * names and user catalogs may hold any of them. Newline and tab are our own layout.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A string printed on a terminal with every control character shown as a \uXXXX escape instead. */
export function safeText(text: string): string {
  return text.replace(UNSAFE_IN_TEXT, visible);
}

/** One value on one line (an id, a model name, a path, a diagnostic): newlines escaped too. */
export function safeLine(text: string): string {
  return text.replace(UNSAFE_IN_LINE, visible);
}

/** The one way the CLI prints text to stdout: every line passes safeText. */
export function printText(text: string): void {
  process.stdout.write(safeText(text));
}

/** The one way the CLI prints a message to stderr (diagnostic texts may come from files). */
export function printError(text: string): void {
  process.stderr.write(safeText(text));
}

export function printJson(value: unknown): void {
  assertFiniteDeep(value);
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
