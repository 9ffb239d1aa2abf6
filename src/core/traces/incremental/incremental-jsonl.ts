/**
 * A JSONL session read as it grows: the same line rules as readers/jsonl-lines.ts `jsonObjectLines`
 * and the reader's own session object, fed only the lines appended since the last update. The
 * snapshot after each update equals a full read of the file up to its last complete line.
 */
import { formatBytes, parseJson, type LineEvent } from '../io';
import type { ReadResult } from '../reader';
import { GIVE_UP_AFTER_LINES, type DiagnosticList, type JsonlSession } from '../readers/jsonl-lines';
import { SnapshotDiagnostics } from './snapshot-diagnostics';
import { TailReader } from './tail';

export type MakeSession = (diags: DiagnosticList) => JsonlSession;

function jsonKind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

export class IncrementalJsonl {
  private tail: TailReader;
  private diags = new SnapshotDiagnostics();
  private session: JsonlSession;
  private pendingBad: { lineNo: number; error: string } | null = null;
  private objects = 0;
  private nonBlank = 0;
  private stopped = false;

  constructor(
    readonly path: string,
    private readonly makeSession: MakeSession,
    private readonly maxLineBytes: number,
  ) {
    this.tail = new TailReader(path, maxLineBytes);
    this.session = makeSession(this.diags);
  }

  /** Bytes read so far. */
  get position(): number {
    return this.tail.position;
  }

  /**
   * Reads what was appended and returns the tasks of the whole file so far. `reset`: the file was
   * truncated or replaced, so it was read again from the start.
   */
  async update(): Promise<ReadResult & { bytesRead: number; reset: boolean }> {
    let r = await this.tail.read((lines) => this.feed(lines));
    let reset = false;
    if (r.reset) {
      reset = true;
      this.tail = new TailReader(this.path, this.maxLineBytes);
      this.diags = new SnapshotDiagnostics();
      this.session = this.makeSession(this.diags);
      this.pendingBad = null;
      this.objects = this.nonBlank = 0;
      this.stopped = false;
      r = await this.tail.read((lines) => this.feed(lines));
    }
    const bytesRead = r.reset ? 0 : r.bytesRead;
    return { ...this.snapshot(), bytesRead, reset };
  }

  private feed(lines: readonly LineEvent[]): void {
    for (const ev of lines) {
      if (this.stopped) return;
      this.line(ev);
    }
  }

  private flushBad(): void {
    if (this.pendingBad) this.diags.add(this.pendingBad.lineNo, 'error', `not valid JSON (${this.pendingBad.error}); line skipped`);
    this.pendingBad = null;
  }

  private line(ev: LineEvent): void {
    if ('tooLong' in ev) {
      this.flushBad();
      this.diags.add(ev.lineNo, 'error', `line is ${formatBytes(ev.tooLong)}, over the ${formatBytes(this.maxLineBytes)} line limit; skipped`);
      return;
    }
    let text = ev.text;
    if (ev.lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') return;
    this.flushBad();
    if (this.objects === 0 && ++this.nonBlank > GIVE_UP_AFTER_LINES) {
      this.diags.add(ev.lineNo, 'error', `no JSON object in the first ${GIVE_UP_AFTER_LINES} lines: not JSONL; stopped reading`);
      this.stopped = true;
      return;
    }
    if (ev.invalidUtf8) this.diags.add(ev.lineNo, 'warning', 'not valid UTF-8; bad bytes replaced before parsing');
    const parsed = parseJson(text);
    if (!parsed.ok) {
      this.pendingBad = { lineNo: ev.lineNo, error: parsed.error };
      return;
    }
    const v = parsed.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.diags.add(ev.lineNo, 'error', `a JSON ${jsonKind(v)}, expected an object; line skipped`);
      return;
    }
    this.objects++;
    this.session.add(ev.lineNo, v as Record<string, unknown>);
  }

  /** The tasks now; what only the snapshot says (a bad last line, the reader's closing remarks) is taken back after. */
  private snapshot(): ReadResult {
    const mark = this.diags.mark();
    const last = this.pendingBad;
    if (last) this.diags.add(last.lineNo, 'warning', `last line is cut short or not valid JSON (${last.error}): the session may still be in progress; ignored`);
    const tasks = this.session.finish();
    const diagnostics = this.diags.finish();
    this.diags.rewind(mark);
    return { tasks, diagnostics };
  }
}
