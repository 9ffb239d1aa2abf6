import type { Diagnostic, Severity } from '../model';
import { DiagnosticList, MAX_DIAGNOSTICS } from '../readers/jsonl-lines';

/**
 * A DiagnosticList that can hand out a snapshot and then forget what was added since a mark: a
 * live session asks the reader for its tasks many times, and each ask adds the reader's closing
 * remarks again. Same cap and "N more" line as DiagnosticList.
 */
export class SnapshotDiagnostics extends DiagnosticList {
  private list: Diagnostic[] = [];
  private over = 0;

  override add(line: number | null, severity: Severity, message: string): void {
    if (this.list.length < MAX_DIAGNOSTICS) this.list.push({ line, severity, message });
    else this.over++;
  }

  mark(): { n: number; over: number } {
    return { n: this.list.length, over: this.over };
  }

  rewind(m: { n: number; over: number }): void {
    this.list.length = m.n;
    this.over = m.over;
  }

  /** A copy, with the "more problems" line; the list itself is left as it was. */
  override finish(): Diagnostic[] {
    const out = [...this.list];
    if (this.over > 0) out.push({ line: null, severity: 'warning', message: `${this.over} more problems not listed` });
    return out;
  }
}
