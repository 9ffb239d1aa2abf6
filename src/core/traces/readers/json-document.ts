/**
 * Whole-JSON-document loading with diagnostics, shared by the tau2-bench, mini-swe-agent, SWE-agent and
 * OpenHands (exported trajectory) readers.
 */
import type { Diagnostic } from '../model';
import type { ReadLimits, ReadResult } from '../reader';
import { formatBytes, parseJson, readWholeText } from '../io';

export type JsonDocument = { ok: true; value: unknown; text: string; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** 1-based line of a character offset. */
export function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The line a JSON.parse error points at, when its message gives a position (V8: "... at position N"). */
export function jsonErrorLine(text: string, error: string): number | null {
  const m = /at position (\d+)/.exec(error);
  if (m) return lineAtOffset(text, Number(m[1]));
  if (/Unexpected end of JSON input/.test(error)) return lineAtOffset(text, text.length);
  return null;
}

/** Reads and parses a JSON document; every failure becomes an error diagnostic, never a throw. */
export async function loadJsonDocument(path: string, limits: ReadLimits): Promise<JsonDocument> {
  let read: Awaited<ReturnType<typeof readWholeText>>;
  try {
    read = await readWholeText(path, limits.maxJsonDocumentBytes);
  } catch (e) {
    return { ok: false, diagnostics: [{ line: null, severity: 'error', message: `cannot read the file: ${errorText(e)}` }] };
  }
  if ('tooLarge' in read) {
    const message =
      `the file is ${formatBytes(read.tooLarge)}, over the ${formatBytes(limits.maxJsonDocumentBytes)} limit for ` +
      'a whole JSON document: not read (raise the JSON document size limit to read it)';
    return { ok: false, diagnostics: [{ line: null, severity: 'error', message }] };
  }
  const diagnostics: Diagnostic[] = [];
  if (read.invalidUtf8) {
    diagnostics.push({ line: null, severity: 'warning', message: 'invalid UTF-8 bytes, read as U+FFFD' });
  }
  const text = read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text;
  if (text.trim() === '') {
    diagnostics.push({ line: null, severity: 'error', message: 'empty file: no JSON document' });
    return { ok: false, diagnostics };
  }
  const parsed = parseJson(text);
  if (!parsed.ok) {
    diagnostics.push({ line: jsonErrorLine(text, parsed.error), severity: 'error', message: `invalid JSON: ${parsed.error}` });
    return { ok: false, diagnostics };
  }
  return { ok: true, value: parsed.value, text, diagnostics };
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A reader's `read` that never throws: an unforeseen failure becomes one error naming the kind of file. */
export function neverThrows(kind: string, read: (path: string, limits: ReadLimits) => Promise<ReadResult>): (path: string, limits: ReadLimits) => Promise<ReadResult> {
  return async (path, limits) => {
    try {
      return await read(path, limits);
    } catch (e) {
      return { tasks: [], diagnostics: [{ line: null, severity: 'error', message: `cannot read the ${kind} file: ${errorText(e)}` }] };
    }
  };
}

/** A zod error's first issue as "path: message", for a diagnostic. */
export function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** "string", "number", "array", "null"... for messages about wrong types. */
export function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** First characters of a text, on one line, for task titles. */
export function titleFrom(text: string, max = 80): string | null {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return null;
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}
