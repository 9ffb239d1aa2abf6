/**
 * What Anthropic billed for the Claude Code sessions of a folder, per token class, so totals can be
 * set beside ccusage's for the same files. Same dedupe as ccusage (one response counted once, also
 * across files: --resume copies history into the new file), one deliberate difference: the output
 * count comes from a response's LAST line, where ccusage keeps the first, a streaming partial.
 */
import { stat } from 'node:fs/promises';
import type { Diagnostic, Usage } from '../model';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, probeFile } from '../io';
import type { ReadLimits } from '../reader';
import { detectClaudeCode, readClaudeCode } from './claude-code-read';
import { guardUsage } from '../usage-guard';
import { walkFolder } from '../walk';
import { SeenResponses } from '../../inference/cross-file-duplicates';

/** Anthropic's four billed token classes (input = the uncached remainder, as the API reports it). */
export interface BilledTokens {
  input: number;
  cacheWrite: number;
  cacheRead: number;
  output: number;
}

/** The billed classes of one call's usage, or null when the trace did not record them. */
export function billedTokens(u: Usage): BilledTokens | null {
  if (u.inTotal === null || u.output === null) return null;
  const cacheWrite = u.cacheWrite ?? 0;
  const cacheRead = u.cacheRead ?? 0;
  return { input: u.inTotal - cacheWrite - cacheRead, cacheWrite, cacheRead, output: u.output };
}

export interface ClaudeCodeUsageSum {
  /** Claude Code files read, in the order summed. */
  files: string[];
  calls: number;
  /** Responses already counted from an earlier file. */
  duplicateCalls: number;
  /** Calls whose usage was not recorded (left out of the totals). */
  unknownUsageCalls: number;
  total: BilledTokens;
  byModel: Record<string, BilledTokens & { calls: number }>;
  diagnostics: (Diagnostic & { path: string })[];
}

const zero = (): BilledTokens => ({ input: 0, cacheWrite: 0, cacheRead: 0, output: 0 });

function addTo(acc: BilledTokens, b: BilledTokens): void {
  acc.input += b.input;
  acc.cacheWrite += b.cacheWrite;
  acc.cacheRead += b.cacheRead;
  acc.output += b.output;
}

/**
 * Sums billed tokens over files and folders (folders searched recursively for `.jsonl` files that
 * are Claude Code sessions). Files are taken in path order; a response seen in an earlier file is
 * not counted again.
 */
export async function sumClaudeCodeUsage(
  paths: readonly string[],
  limits: ReadLimits = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES },
): Promise<ClaudeCodeUsageSum> {
  const candidates: string[] = [];
  const skipped: (Diagnostic & { path: string })[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (info?.isDirectory()) {
      // the same walker as analyze (same skipped folders); what it cannot use is reported
      const found = await walkFolder(p, (name) => name.endsWith('.jsonl'));
      candidates.push(...found.files);
      for (const s of found.skipped) skipped.push({ path: s.path, line: null, severity: 'info', message: `skipped: ${s.reason}${s.detail ? ` (${s.detail})` : ''}` });
    } else candidates.push(p); // a file (or missing): let the probe report it
  }
  candidates.sort();
  const sum: ClaudeCodeUsageSum = {
    files: [],
    calls: 0,
    duplicateCalls: 0,
    unknownUsageCalls: 0,
    total: zero(),
    byModel: {},
    diagnostics: skipped,
  };
  // the same rule as a folder analysis (analyzePaths): one response, counted in the first file
  const seen = new SeenResponses();
  for (const file of candidates) {
    try {
      if (detectClaudeCode(await probeFile(file)) === 0) continue;
    } catch (e) {
      sum.diagnostics.push({ path: file, line: null, severity: 'error', message: `could not open: ${String(e)}` });
      continue;
    }
    sum.files.push(file);
    const { tasks, diagnostics } = await readClaudeCode(file, limits);
    for (const d of [...diagnostics, ...guardUsage(tasks)]) sum.diagnostics.push({ path: file, ...d });
    for (const call of tasks.flatMap((t) => t.calls)) {
      if (seen.claim('claude-code', call, file)) {
        sum.duplicateCalls++;
        continue;
      }
      sum.calls++;
      const b = billedTokens(call.usage);
      if (!b) {
        sum.unknownUsageCalls++;
        continue;
      }
      addTo(sum.total, b);
      const m = (sum.byModel[call.model ?? 'unknown'] ??= { ...zero(), calls: 0 });
      addTo(m, b);
      m.calls++;
    }
  }
  return sum;
}
