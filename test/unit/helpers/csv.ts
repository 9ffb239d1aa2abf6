/** A CSV as `reportCsv` writes it (RFC 4180: CRLF rows, quoted cells may hold commas and doubled quotes), as records by header. */
export function csvRecords(text: string): Record<string, string>[] {
  const lines = text
    .trimEnd()
    .split('\r\n')
    .map((l) => [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, -1));
  const [head, ...rows] = lines;
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}
