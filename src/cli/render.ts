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

const TAG = (s: Assumption['status']): string => tagOf(s);

/** Every assumption with its tag, source and date: a number without its source is a defect. */
export function assumptionsBlock(list: readonly Assumption[]): string {
  const lines = list.map((a) => {
    const value = a.value === null ? 'n/a' : `${a.value}${a.unit ? ` ${a.unit}` : ''}`;
    return `  ${TAG(a.status)} ${a.label}: ${value}\n        source: ${a.source}${a.date ? ` (${a.date})` : ''}`;
  });
  const estimated = list.some((a) => a.status === 'estimated');
  return [
    `Assumptions (${TAG_LEGEND}):`,
    ...lines,
    ...(estimated ? ['  Results above depend on estimated [E] values.'] : []),
  ].join('\n');
}

export function printJson(value: unknown): void {
  assertFiniteDeep(value);
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
