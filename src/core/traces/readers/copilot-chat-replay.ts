/**
 * VS Code's incremental chat-session JSONL (FORMATS.md §20): line 1 `{kind:0, v:<snapshot>}`, then
 * edits to that snapshot — `{kind:1, k:[path…], v}` sets a value, `{kind:2, k:[path…], v:[…], i?}`
 * appends to the array at the path (cut to length `i` first when given). The same request is
 * edited many times while it streams, so the session is rebuilt by replaying every line and read
 * once at the end: never summed line by line.
 */
import type { DiagnosticList, JsonlSession } from './jsonl-lines';
import { isRecord } from './openai-shapes';

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

type Container = Record<string, unknown> | unknown[];

function child(parent: Container, seg: string | number, nextIsIndex: boolean): Container | null {
  const cur = Array.isArray(parent) ? parent[Number(seg)] : parent[seg];
  if (isRecord(cur) || Array.isArray(cur)) return cur;
  const made: Container = nextIsIndex ? [] : {};
  if (Array.isArray(parent)) parent[Number(seg)] = made;
  else parent[seg] = made;
  return made;
}

const isIndex = (s: unknown) => typeof s === 'number' || (typeof s === 'string' && /^\d+$/.test(s));

export class CopilotReplay implements JsonlSession {
  state: unknown = null;
  private unknownKinds = 0;

  constructor(private readonly diags: DiagnosticList) {}

  add(lineNo: number, rec: Record<string, unknown>): void {
    const { kind, k, v } = rec;
    if (kind === 0) {
      this.state = v;
      return;
    }
    if (kind !== 1 && kind !== 2) {
      this.unknownKinds++;
      return;
    }
    if (!Array.isArray(k) || k.length === 0 || !k.every((s) => (typeof s === 'string' && !UNSAFE.has(s)) || (typeof s === 'number' && Number.isInteger(s) && s >= 0))) {
      this.diags.add(lineNo, 'warning', 'edit without a usable key path `k`; line skipped');
      return;
    }
    if (!isRecord(this.state)) {
      this.diags.add(lineNo, 'warning', 'edit before any snapshot line (kind 0); line skipped');
      return;
    }
    const path = k as (string | number)[];
    let cur: Container | null = this.state;
    for (let i = 0; i < path.length - 1 && cur; i++) {
      if (Array.isArray(cur) && !isIndex(path[i])) cur = null;
      else cur = child(cur, path[i]!, isIndex(path[i + 1]));
    }
    const last = path[path.length - 1]!;
    if (!cur || (Array.isArray(cur) && !isIndex(last))) {
      this.diags.add(lineNo, 'warning', 'edit path does not fit the session; line skipped');
      return;
    }
    if (kind === 1) {
      if (Array.isArray(cur)) cur[Number(last)] = v;
      else cur[last] = v;
      return;
    }
    const target = child(cur, last, true);
    if (!Array.isArray(target)) {
      this.diags.add(lineNo, 'warning', 'append (kind 2) to something that is not a list; line skipped');
      return;
    }
    if (typeof rec.i === 'number' && Number.isInteger(rec.i) && rec.i >= 0) target.length = Math.min(target.length, rec.i);
    if (Array.isArray(v)) target.push(...(v as unknown[]));
    else target.push(v);
  }

  /** The replay is read by the caller; this only reports what it could not apply. */
  finish(): never[] {
    if (this.unknownKinds > 0) this.diags.add(null, 'info', `${this.unknownKinds} edit lines of an unknown kind ignored`);
    return [];
  }
}
