/** OTLP/JSON export requests `{resourceSpans:[{scopeSpans:[{spans}]}]}` → SpanRecords (zod at the boundary). */
import { z } from 'zod';
import type { DiagnosticList } from './jsonl-lines';
import { otlpAttrs, rec } from './otel-genai-values';
import type { SpanCollector } from './otel-genai-spans';

const DETAILS_EVENT = 'gen_ai.client.inference.operation.details';

const SpanSchema = z.looseObject({
  traceId: z.string().min(1),
  spanId: z.string().min(1),
  parentSpanId: z.string().nullish(),
  name: z.string().nullish(),
  startTimeUnixNano: z.union([z.string(), z.number()]).nullish(),
  attributes: z.array(z.unknown()).nullish().catch(null),
  events: z.array(z.unknown()).nullish().catch(null),
  status: z.looseObject({ code: z.union([z.number(), z.string()]).nullish() }).nullish().catch(null),
});

const ExportSchema = z.looseObject({
  resourceSpans: z.array(
    z.unknown().transform((rs) => {
      const r = rec(rs);
      const scopes = r?.scopeSpans ?? r?.instrumentationLibrarySpans;
      return Array.isArray(scopes) ? scopes.flatMap((ss) => {
        const spans = rec(ss)?.spans;
        return Array.isArray(spans) ? spans : [];
      }) : [];
    }),
  ),
});

/** Adds every span of one export request; `line` is its JSONL line, or null for a whole-file document. */
export function addOtlpExport(doc: Record<string, unknown>, line: number | null, col: SpanCollector, diags: DiagnosticList): void {
  const parsed = ExportSchema.safeParse(doc);
  if (!parsed.success) {
    diags.add(line, 'warning', 'no "resourceSpans" list: not an OTLP trace export; skipped');
    return;
  }
  for (const raw of parsed.data.resourceSpans.flat()) {
    col.spanCount++;
    const s = SpanSchema.safeParse(raw);
    if (!s.success) {
      diags.add(line, 'warning', `span ${col.spanCount}: no traceId/spanId; skipped`);
      continue;
    }
    const span = s.data;
    const attributes = otlpAttrs(span.attributes);
    // Content may sit on the inference details event instead of the span (newer conventions).
    for (const e of span.events ?? []) {
      const ev = rec(e);
      if (ev?.name !== DETAILS_EVENT) continue;
      for (const [k, v] of otlpAttrs(ev.attributes)) if (!attributes.has(k)) attributes.set(k, v);
    }
    const code = span.status?.code;
    const start = span.startTimeUnixNano == null ? null : String(span.startTimeUnixNano);
    col.add({
      traceId: span.traceId,
      spanId: span.spanId,
      parentSpanId: span.parentSpanId || null,
      name: span.name || null,
      attributes,
      isError: code === 2 || code === 'STATUS_CODE_ERROR' || attributes.has('error.type'),
      startNanos: start,
      line: line ?? col.spanCount,
    });
  }
}
