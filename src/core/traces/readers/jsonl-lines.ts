/**
 * Streaming JSONL records with diagnostics, shared by the JSONL readers (Claude Code, Codex, API logs,
 * OTel JSONL...: "one JSON object per line, possibly still being written"), and DiagnosticList for all.
 */
import type { Diagnostic, Severity, Task } from '../model';
import { formatBytes, parseJson, readLines } from '../io';
import type { ReadLimits, ReadResult } from '../reader';

/** Beyond this many diagnostics per file the rest are only counted: a binary or garbage file must not flood memory. */
export const MAX_DIAGNOSTICS = 200;

export class DiagnosticList {
  private readonly items: Diagnostic[] = [];
  private dropped = 0;

  add(line: number | null, severity: Severity, message: string): void {
    if (this.items.length < MAX_DIAGNOSTICS) this.items.push({ line, severity, message });
    else this.dropped++;
  }

  finish(): Diagnostic[] {
    if (this.dropped > 0) {
      this.items.push({ line: null, severity: 'warning', message: `${this.dropped} more problems not listed` });
      this.dropped = 0;
    }
    return this.items;
  }
}

/** Non-blank lines read without finding one JSON object before we call the file not JSONL and stop. */
export const GIVE_UP_AFTER_LINES = 100;

export interface JsonObjectLine {
  lineNo: number;
  value: Record<string, unknown>;
}

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/**
 * Yields each line that parses to a JSON object. Blank lines are skipped silently; every other
 * problem becomes a diagnostic. An unparsable LAST line is a warning, not an error: it is what a
 * session still being written looks like.
 */
export async function* jsonObjectLines(
  path: string,
  limits: ReadLimits,
  diags: DiagnosticList,
): AsyncGenerator<JsonObjectLine> {
  // An unparsable line is reported only once we know whether it was the last one.
  let pendingBad: { lineNo: number; error: string } | null = null;
  let objects = 0;
  let nonBlank = 0;
  const flushBad = (): void => {
    if (pendingBad) diags.add(pendingBad.lineNo, 'error', `not valid JSON (${pendingBad.error}); line skipped`);
    pendingBad = null;
  };
  for await (const ev of readLines(path, limits.maxLineBytes)) {
    if ('tooLong' in ev) {
      flushBad();
      diags.add(
        ev.lineNo,
        'error',
        `line is ${formatBytes(ev.tooLong)}, over the ${formatBytes(limits.maxLineBytes)} line limit; skipped`,
      );
      continue;
    }
    let text = ev.text;
    if (ev.lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') continue;
    flushBad();
    if (objects === 0 && ++nonBlank > GIVE_UP_AFTER_LINES) {
      diags.add(ev.lineNo, 'error', `no JSON object in the first ${GIVE_UP_AFTER_LINES} lines: not JSONL; stopped reading`);
      return;
    }
    if (ev.invalidUtf8) diags.add(ev.lineNo, 'warning', 'not valid UTF-8; bad bytes replaced before parsing');
    const parsed = parseJson(text);
    if (!parsed.ok) {
      pendingBad = { lineNo: ev.lineNo, error: parsed.error };
      continue;
    }
    const v = parsed.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      diags.add(ev.lineNo, 'error', `a JSON ${jsonKind(v)}, expected an object; line skipped`);
      continue;
    }
    objects++;
    yield { lineNo: ev.lineNo, value: v as Record<string, unknown> };
  }
  const last = pendingBad as { lineNo: number; error: string } | null;
  if (last) {
    diags.add(
      last.lineNo,
      'warning',
      `last line is cut short or not valid JSON (${last.error}): the session may still be in progress; ignored`,
    );
  }
}

/** What a JSONL reader folds its records into, one line at a time, before it hands back the tasks. */
export interface JsonlSession {
  add(lineNo: number, value: Record<string, unknown>): void;
  finish(): Task[];
}

/** Streams every JSON-object line of `path` into a session. Readers never throw: a read failure is one more diagnostic. */
export async function readJsonlSession(path: string, limits: ReadLimits, makeSession: (diags: DiagnosticList) => JsonlSession): Promise<ReadResult> {
  const diags = new DiagnosticList();
  const session = makeSession(diags);
  try {
    for await (const rec of jsonObjectLines(path, limits, diags)) session.add(rec.lineNo, rec.value);
  } catch (e) {
    diags.add(null, 'error', `could not read the file: ${e instanceof Error ? e.message : String(e)}`);
  }
  const tasks = session.finish();
  return { tasks, diagnostics: diags.finish() };
}

/** Renders a zod-style issue list as "path: message" for a diagnostic. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(record)'}: ${i.message}`)
    .join('; ');
}

/** Collapses whitespace and cuts a human request down to a short label. */
export function shortTitle(text: string, max = 80): string | null {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return null;
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

/** Parses the first few complete lines of a probe; garbage lines become undefined. */
export function probeObjects(lines: readonly string[], max = 10): (Record<string, unknown> | undefined)[] {
  return lines.slice(0, max).map((l, i) => {
    const text = i === 0 && l.charCodeAt(0) === 0xfeff ? l.slice(1) : l;
    const p = parseJson(text);
    return p.ok && typeof p.value === 'object' && p.value !== null && !Array.isArray(p.value)
      ? (p.value as Record<string, unknown>)
      : undefined;
  });
}
