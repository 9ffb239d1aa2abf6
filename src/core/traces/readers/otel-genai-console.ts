/**
 * The OpenTelemetry Python SDK's `ConsoleSpanExporter` output: each span as `span.to_json()` (a JSON
 * object pretty-printed with 4-space indent) followed by a newline, one after another, with plain
 * attribute values, `0x`-prefixed hex ids and ISO start times. Stdout may interleave the program's own
 * prints: text between span objects is skipped and counted.
 */
import { z } from 'zod';
import type { DiagnosticList } from './jsonl-lines';
import { parseJson } from '../io';
import { plainAttrs } from './otel-genai-values';
import type { SpanCollector } from './otel-genai-spans';

const DETAILS_EVENT = 'gen_ai.client.inference.operation.details';
const hexId = z.string().transform((s) => s.replace(/^0x/i, '')).pipe(z.string().min(1));

const ConsoleSpanSchema = z.looseObject({
  name: z.string().nullish(),
  context: z.looseObject({ trace_id: hexId, span_id: hexId }),
  parent_id: z.string().nullish(),
  start_time: z.string().nullish(),
  status: z.looseObject({ status_code: z.string().nullish() }).nullish().catch(null),
  attributes: z.record(z.string(), z.unknown()).nullish().catch(null),
  events: z.array(z.looseObject({ name: z.string().nullish(), attributes: z.unknown().optional() })).nullish().catch(null),
});

/** True when the text starts like a console-exported span: `{` then "name" and a "context" with "trace_id": "0x…". */
export function looksLikeConsoleSpans(head: string): boolean {
  return /^\s*\{\s*"name"\s*:/.test(head) && /"context"\s*:\s*\{\s*"trace_id"\s*:\s*"0x[0-9a-f]+"/i.test(head);
}

/** ISO 8601 (Python's isoformat, microseconds) → decimal nanoseconds since the epoch; null when unparsable. */
export function isoToNanos(iso: string): string | null {
  const frac = /\.(\d{1,9})/.exec(iso)?.[1] ?? '';
  const ms = Date.parse(iso.replace(/\.\d+/, ''));
  if (!Number.isFinite(ms)) return null;
  return (BigInt(ms) * 1_000_000n + BigInt(frac.padEnd(9, '0') || '0')).toString();
}

/** The top-level `{…}` values of a text holding JSON objects one after another, with their first line. */
export function* concatenatedObjects(text: string): Generator<{ json: string; line: number } | { skippedLine: number }> {
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch !== '{') {
      // not a span: skip the rest of this line
      yield { skippedLine: line };
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
      continue;
    }
    const startLine = line;
    let depth = 0;
    let inString = false;
    let j = i;
    for (; j < text.length; j++) {
      const c = text[j]!;
      if (c === '\n') line++;
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    yield { json: text.slice(i, j + 1), line: startLine };
    i = j + 1;
  }
}

export function addConsoleSpans(text: string, col: SpanCollector, diags: DiagnosticList): void {
  let skipped = 0;
  let firstSkipped: number | null = null;
  for (const item of concatenatedObjects(text)) {
    if ('skippedLine' in item) {
      skipped++;
      firstSkipped ??= item.skippedLine;
      continue;
    }
    col.spanCount++;
    const p = parseJson(item.json);
    if (!p.ok) {
      diags.add(item.line, 'warning', `span object is not valid JSON (${p.error}); skipped`);
      continue;
    }
    const s = ConsoleSpanSchema.safeParse(p.value);
    if (!s.success) {
      diags.add(item.line, 'warning', `span ${col.spanCount}: no context.trace_id/span_id; skipped`);
      continue;
    }
    const span = s.data;
    const attributes = plainAttrs(span.attributes);
    for (const ev of span.events ?? []) {
      if (ev.name !== DETAILS_EVENT) continue;
      for (const [k, v] of plainAttrs(ev.attributes)) if (!attributes.has(k)) attributes.set(k, v);
    }
    col.add({
      traceId: span.context.trace_id,
      spanId: span.context.span_id,
      parentSpanId: span.parent_id ? span.parent_id.replace(/^0x/i, '') : null,
      name: span.name || null,
      attributes,
      isError: span.status?.status_code === 'ERROR' || attributes.has('error.type'),
      startNanos: span.start_time ? isoToNanos(span.start_time) : null,
      line: item.line,
    });
  }
  if (skipped > 0) diags.add(firstSkipped, 'info', `${skipped} line(s) between the span objects are not spans (other program output): skipped`);
}
