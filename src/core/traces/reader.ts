import type { Diagnostic, FormatId, Task } from './model';
import type { Probe } from './io';

/** Limits a reader must respect (from settings or CLI flags). */
export interface ReadLimits {
  maxLineBytes: number;
  maxJsonDocumentBytes: number;
}

export interface ReadResult {
  tasks: Task[];
  diagnostics: Diagnostic[];
}

/**
 * One trace format. Adding a format = one file in readers/ exporting `readers: TraceReader[]`,
 * listed in readers/index.ts, plus its tests (see CONTRIBUTING.md).
 */
export interface TraceReader {
  readonly format: FormatId;
  /** Human name, e.g. "Claude Code session (JSONL)". */
  readonly label: string;
  /**
   * How sure this reader is that the file is its format, from the name and first bytes only:
   * 0 = not mine, 1 = certain. Content beats file name: a renamed file must still be found.
   */
  detect(probe: Probe): number;
  /**
   * Reads the whole file. Never throws for bad content: every problem becomes a Diagnostic naming
   * the line, and reading goes on with the next record. Must stream JSONL (readLines) so memory stays
   * bounded by the largest line, not the file.
   */
  read(path: string, limits: ReadLimits): Promise<ReadResult>;
}
