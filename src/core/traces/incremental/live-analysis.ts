/**
 * One trace file analyzed as it grows (the session an agent is writing now). Claude Code and Codex
 * sessions are read incrementally (only the appended bytes are parsed); any other format is
 * re-analyzed whole when its size or modification time changes. Either way the result is what
 * `analyzeFile` gives for the file as it is (up to its last complete line for the JSONL formats).
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { analyzeFile, detectReader, type AnalyzeOptions, type FileAnalysis } from '../../inference/analyze';
import { DEFAULT_MAX_LINE_BYTES } from '../io';
import type { FormatId, Task } from '../model';
import type { TraceReader } from '../reader';
import { agentIdFromFileName } from '../readers/claude-code';
import { ClaudeCodeSession } from '../readers/claude-code-session';
import { CodexSession } from '../readers/codex-cli-session';
import { IncrementalJsonl, type MakeSession } from './incremental-jsonl';
import { TaskCache } from './task-cache';
import { TaskRules } from './task-rules';

/** The JSONL formats whose reader state can be carried from one read to the next. */
function sessionMaker(format: FormatId, path: string): MakeSession | null {
  if (format === 'claude-code') return (d) => new ClaudeCodeSession(d, { fileAgentId: agentIdFromFileName(basename(path)) });
  if (format === 'codex-cli') return (d) => new CodexSession(d);
  return null;
}

export interface LiveUpdate {
  analysis: FileAnalysis;
  /** Bytes parsed by this update (the whole file for a format read whole). */
  bytesRead: number;
  /** False when nothing was appended since the last update (the analysis is the previous one). */
  changed: boolean;
  /** The reader's tasks behind `analysis` (same order, call i of task j = perCall[i] of task j); empty when read whole. */
  parsed: readonly Task[];
  /** How the file is followed: only its appended bytes, or whole on each change. */
  mode: 'incremental' | 'whole';
}

export class LiveAnalysis {
  private reader: TraceReader | null = null;
  private incremental: IncrementalJsonl | null = null;
  private last: FileAnalysis | null = null;
  private lastStamp = '';
  private readonly cache = new TaskCache();
  private readonly rules = new TaskRules();
  private parsed: readonly Task[] = [];

  constructor(
    readonly path: string,
    private readonly opts: AnalyzeOptions,
  ) {}

  async update(): Promise<LiveUpdate> {
    const info = await stat(this.path).catch(() => null);
    if (!info || (this.opts.maxFileBytes !== undefined && info.size > this.opts.maxFileBytes)) return this.whole(info ? `${info.size}` : 'missing');
    if (!this.reader) {
      this.reader = await detectReader(this.path, this.opts.readers).catch(() => null);
      const make = this.reader ? sessionMaker(this.reader.format, this.path) : null;
      if (make) this.incremental = new IncrementalJsonl(this.path, make, this.opts.limits?.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    }
    if (!this.reader || !this.incremental) return this.whole(`${info.size}:${info.mtimeMs}:${info.ino}`);
    const update = await this.incremental.update();
    if (update.reset) this.rules.reset();
    // the same rules as a whole read (read-trace.ts), checked on the changed tasks only, so the live numbers equal analyzeFile's
    const r = { ...update, ...this.rules.apply({ tasks: update.tasks, diagnostics: update.diagnostics }) };
    if (this.last && r.bytesRead === 0 && !r.reset) return { analysis: this.last, bytesRead: 0, changed: false, parsed: this.parsed, mode: 'incremental' };
    const tokenizer = r.needsTokenizer ? await this.opts.tokenizer() : undefined;
    if (r.reset) this.cache.reset();
    this.last = this.cache.analyze({ path: this.path, format: this.reader.format, tasks: r.tasks, diagnostics: r.diagnostics }, this.opts, tokenizer);
    this.parsed = r.tasks;
    return { analysis: this.last, bytesRead: r.bytesRead, changed: true, parsed: this.parsed, mode: 'incremental' };
  }

  /** Formats read whole: again only when the file changed. */
  private async whole(stamp: string): Promise<LiveUpdate> {
    if (this.last && stamp === this.lastStamp) return { analysis: this.last, bytesRead: 0, changed: false, parsed: [], mode: 'whole' };
    this.lastStamp = stamp;
    this.reader = null; // detect again: a file that was empty or unknown may have become a trace
    this.last = await analyzeFile(this.path, this.opts);
    const size = Number(stamp.split(':')[0]);
    return { analysis: this.last, bytesRead: Number.isFinite(size) ? size : 0, changed: true, parsed: [], mode: 'whole' };
  }
}
