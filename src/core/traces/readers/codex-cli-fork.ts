/**
 * Codex forked sessions. openai/codex creates a fork (`/fork`, `codex fork`, app-server
 * `thread/fork`, a subagent spawned as a fork) as a new rollout whose own `session_meta` names the
 * parent in `forked_from_id`, then writes the parent's rollout items into it (`InitialHistory::Forked`,
 * "persist all rollout items as-is"): the parent's `session_meta` line first, then its turn contexts,
 * messages and `token_count` events with their payloads unchanged. Each line is stamped when written,
 * so the copy is one burst of lines at the fork's creation. Those calls are the parent's spend: they
 * are counted in the parent's file, and here only reported as inherited.
 *
 * Where the copy ends: the first line written more than COPY_GAP_MS after the one before it (the
 * fork's own calls wait for a model response; the copy is one write loop with no waiting). Forks in
 * paginated history mode (`history_base`) reference the parent instead of copying it: nothing here.
 */
import type { Diagnostic, Usage } from '../model';

export const COPY_GAP_MS = 500;

const ms = (ts: string | null): number | null => {
  if (ts === null) return null;
  const t = Date.parse(ts);
  return Number.isFinite(t) ? t : null;
};

export class ForkCopy {
  private ownId: string | null = null;
  private metaSeen = false;
  private forkedFrom: string | null = null;
  private copiedFrom: string | null = null;
  private copying = false;
  private lastMs: number | null = null;
  private firstLine = 0;
  private lastLine = 0;
  private calls = 0;
  private input: number | null = 0;
  private output: number | null = 0;
  private untimed = false;

  /** A session_meta line; returns true when it is the parent's, copied (not this session's own). */
  onSessionMeta(lineNo: number, id: string | null, forkedFromId: string | null, ts: string | null): boolean {
    if (!this.metaSeen) {
      this.metaSeen = true;
      this.ownId = id;
      this.forkedFrom = forkedFromId;
      return false;
    }
    if (id === null || id === this.ownId) return false;
    if (!this.copying && this.copiedFrom === null) {
      this.copiedFrom = id;
      this.firstLine = lineNo;
    }
    this.copying = true;
    this.lastMs = ms(ts);
    this.lastLine = lineNo;
    return true;
  }

  /** Called for every line after the first: true while the line belongs to the copied parent history. */
  inCopy(lineNo: number, ts: string | null): boolean {
    if (!this.copying) return false;
    const t = ms(ts);
    if (t === null || this.lastMs === null) this.untimed = true;
    // no timestamp to judge by, or a pause no write loop makes: the fork's own lines start here
    if (t === null || this.lastMs === null || t - this.lastMs > COPY_GAP_MS) {
      this.copying = false;
      return false;
    }
    this.lastMs = t;
    this.lastLine = lineNo;
    return true;
  }

  /** A token_count inside the copy: the parent's call, tallied apart. */
  inherit(usage: Usage): void {
    this.calls++;
    this.input = this.input === null || usage.inTotal === null ? null : this.input + usage.inTotal;
    this.output = this.output === null || usage.output === null ? null : this.output + usage.output;
  }

  diagnostics(): Diagnostic[] {
    const parent = this.forkedFrom ?? this.copiedFrom;
    if (this.copiedFrom === null) {
      if (this.forkedFrom === null) return [];
      return [{ line: 1, severity: 'info', message: `forked from session ${this.forkedFrom}; the parent's history is not copied into this file, so every call here is this session's own` }];
    }
    if (this.untimed) {
      return [
        {
          line: this.firstLine,
          severity: 'warning',
          message:
            `forked from session ${parent}: the parent's history is copied from line ${this.firstLine}, but its lines carry no timestamp, so where the copy ends cannot be told: ` +
            "its calls are counted here too (twice if the parent's file is also analyzed)",
        },
      ];
    }
    const n = (v: number | null): string => (v === null ? 'unknown' : v.toLocaleString('en-US'));
    return [
      {
        line: this.firstLine,
        severity: 'info',
        message:
          `forked from session ${parent}: lines ${this.firstLine}–${this.lastLine} copy the parent's history, with ${this.calls} model call(s) ` +
          `(input ${n(this.input)}, output ${n(this.output)} tokens) that the parent made: inherited, counted in the parent's file, not as this session's spend`,
      },
    ];
  }
}
