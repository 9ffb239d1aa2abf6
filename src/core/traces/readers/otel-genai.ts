/**
 * OpenTelemetry GenAI spans, as local SDKs and collectors write them to files:
 * - OTLP/JSON: one export request `{resourceSpans:[…]}` per file, a list of them, or one per line
 *   (the OTLP file exporter and the Collector's file exporter: JSON Lines) — otel-genai-otlp.ts;
 * - the Python SDK's `ConsoleSpanExporter`: pretty-printed span objects one after another —
 *   otel-genai-console.ts.
 * Spans become tasks and calls by the GenAI semantic conventions (open-telemetry/semantic-conventions
 * docs/gen-ai) in otel-genai-spans.ts; usage in otel-genai-usage.ts, prompts in otel-genai-content.ts.
 */
import { open } from 'node:fs/promises';
import { formatBytes, parseJson, readWholeText, type Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { DiagnosticList, jsonObjectLines } from './jsonl-lines';
import { addConsoleSpans, looksLikeConsoleSpans } from './otel-genai-console';
import { addOtlpExport } from './otel-genai-otlp';
import { SpanCollector } from './otel-genai-spans';
import { rec } from './otel-genai-values';

const PEEK_BYTES = 1024 * 1024;

/** How the file is laid out, from its first bytes. */
async function layout(path: string): Promise<'jsonl' | 'console' | 'document'> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(PEEK_BYTES);
    const { bytesRead } = await fh.read(buf, 0, PEEK_BYTES, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    if (looksLikeConsoleSpans(text)) return 'console';
    // JSONL (one export per line) when the first line is a whole JSON object on its own
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const p = parseJson(line);
      return p.ok && rec(p.value) != null ? 'jsonl' : 'document';
    }
    return 'document';
  } finally {
    await fh.close();
  }
}

async function readWhole(path: string, limits: ReadLimits, diags: DiagnosticList): Promise<string | null> {
  const whole = await readWholeText(path, limits.maxJsonDocumentBytes);
  if ('tooLarge' in whole) {
    diags.add(null, 'error', `file is ${formatBytes(whole.tooLarge)}, over the ${formatBytes(limits.maxJsonDocumentBytes)} JSON document limit; not read`);
    return null;
  }
  if (whole.invalidUtf8) diags.add(null, 'warning', 'not valid UTF-8; bad bytes replaced before parsing');
  return whole.text.replace(/^\uFEFF/, '');
}

function addDocument(text: string, col: SpanCollector, diags: DiagnosticList): void {
  const parsed = parseJson(text);
  if (!parsed.ok) diags.add(null, 'error', `not valid JSON (${parsed.error}); nothing read`);
  else if (Array.isArray(parsed.value)) {
    parsed.value.forEach((d, i) => {
      const doc = rec(d);
      if (doc) addOtlpExport(doc, null, col, diags);
      else diags.add(null, 'warning', `item ${i + 1} is not an export request object; skipped`);
    });
  } else if (rec(parsed.value)) addOtlpExport(rec(parsed.value) ?? {}, null, col, diags);
  else diags.add(null, 'error', 'the document is not a JSON object; nothing read');
}

async function readOtel(path: string, limits: ReadLimits): Promise<ReadResult> {
  const diags = new DiagnosticList();
  const col = new SpanCollector(diags);
  try {
    const kind = await layout(path);
    if (kind === 'jsonl') {
      for await (const { lineNo, value } of jsonObjectLines(path, limits, diags)) {
        try {
          addOtlpExport(value, lineNo, col, diags);
        } catch (e) {
          // One record that breaks an assumption costs that record, not the rest of the file.
          diags.add(lineNo, 'error', `line could not be read (${e instanceof Error ? e.message : String(e)}); skipped`);
        }
      }
    } else {
      const text = await readWhole(path, limits, diags);
      if (text !== null && kind === 'console') addConsoleSpans(text, col, diags);
      else if (text !== null) addDocument(text, col, diags);
    }
    const tasks = col.tasks();
    col.notes();
    return { tasks, diagnostics: diags.finish() };
  } catch (e) {
    diags.add(null, 'error', `could not read the file: ${e instanceof Error ? e.message : String(e)}`);
    return { tasks: [], diagnostics: diags.finish() };
  }
}

export function detectOtel(probe: Probe): number {
  if (probe.binary) return 0;
  const h = probe.head.replace(/^\uFEFF/, '');
  const genAi = /"gen_ai\.[a-z_.]+"/.test(h);
  if (looksLikeConsoleSpans(h)) return genAi ? 0.9 : 0.5;
  // OTLP JSON (or JSONL of it) starts with a JSON value: a Markdown page quoting an example does not
  if (!/^\s*[[{]/.test(h) || !/"resourceSpans"\s*:/.test(h)) return 0;
  return genAi ? 0.9 : 0.5;
}

export const otelGenAiReader: TraceReader = {
  format: 'otel-genai',
  label: 'OpenTelemetry GenAI spans (OTLP JSON / JSON Lines, Python console exporter)',
  detect: detectOtel,
  read: readOtel,
};

export const readers: TraceReader[] = [otelGenAiReader];
