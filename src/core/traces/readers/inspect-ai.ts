/**
 * Inspect AI eval logs: the zipped `.eval` (v2/v3: `header.json`, `samples/<id>_epoch_<n>.json`,
 * `_journal/…`) and the single-document `.json`. Each sample × epoch is one task; see
 * inspect-ai-sample.ts for what counts as a call.
 */
import { open } from 'node:fs/promises';
import { MessageInterner, type Task } from '../model';
import { formatBytes, parseJson, readWholeText, type Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { DiagnosticList } from './jsonl-lines';
import { parseVersion } from './inspect-ai-usage';
import { MAX_SAMPLE_REFERENCED_CHARS, MAX_SAMPLE_REFERENCED_MESSAGES } from './inspect-ai-refs';
import { newStats, sampleToTask, type SampleResult, type SampleStats } from './inspect-ai-sample';
import { ZipReader, type ZipEntryInfo } from './inspect-ai-zip';

const ZIP_MAGIC = 'PK\u0003\u0004';
const SAMPLE_ENTRY = /^samples\/[^/]+\.json$/;
/** The chunked per-sample layout of newer Inspect (samples/<id>_epoch_<n>/sample.json + chunks). */
const CHUNKED_SAMPLE_ENTRY = /^samples\/([^/]+)\/sample\.json$/;
/** How much an archive may inflate in total, as a multiple of the per-document limit. */
const ZIP_TOTAL_FACTOR = 8;

function rec(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function detectInspect(probe: Probe): number {
  if (probe.head.startsWith(ZIP_MAGIC)) {
    // Entry names sit in clear in the local headers, even when the data is deflated.
    if (/(?:header\.json|_journal\/start\.json|samples\/[^/"]{1,200}_epoch_\d+\.json)/.test(probe.head)) return 0.95;
    return probe.fileName.endsWith('.eval') ? 0.5 : 0;
  }
  if (probe.binary) return 0;
  const h = probe.head.replace(/^\uFEFF/, '').trimStart();
  if (!h.startsWith('{') || !/"eval"\s*:\s*\{/.test(h)) return 0;
  if (/^\{\s*"version"\s*:\s*\d/.test(h) && /"(?:eval_id|task_id|run_id)"\s*:/.test(h)) return 0.9;
  return /"task_id"\s*:/.test(h) && /"samples"\s*:/.test(h) ? 0.7 : 0;
}

async function startsWithZipMagic(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return bytesRead === 4 && buf.toString('latin1') === ZIP_MAGIC;
  } finally {
    await fh.close();
  }
}

/** JSON.parse reports a character position; turn it into a line for the user. */
function errorLine(text: string, error: string): number | null {
  const m = /position (\d+)/.exec(error);
  if (!m) return null;
  const pos = Math.min(Number(m[1]), text.length);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

interface LogInfo {
  version: number[] | null;
}

function logInfo(doc: Record<string, unknown>, where: string, diags: DiagnosticList): LogInfo {
  const evalSpec = rec(doc.eval);
  const packages = rec(evalSpec?.packages);
  const status = doc.status;
  if (status === 'started') diags.add(null, 'info', `${where}: status "started": the eval was still running when this log was written`);
  else if (status === 'error' || status === 'cancelled') diags.add(null, 'info', `${where}: eval status "${status}"`);
  return { version: parseVersion(packages?.inspect_ai) };
}

function summarize(stats: SampleStats, emptySamples: string[], diags: DiagnosticList): void {
  if (stats.scorerCalls > 0) {
    diags.add(null, 'info', `${stats.scorerCalls} model-graded scorer call(s) left out of k: they grade the agent, they are not the agent`);
  }
  if (stats.pendingCalls > 0) diags.add(null, 'info', `${stats.pendingCalls} model call(s) still pending (no output yet): not counted`);
  if (stats.failedCalls > 0) diags.add(null, 'info', `${stats.failedCalls} model call(s) ended in an error without output: not counted`);
  for (const b of stats.badEvents) diags.add(null, 'warning', `${b}; event skipped`);
  for (const [sample, calls] of stats.cappedRefs) {
    diags.add(null, 'warning', `sample ${sample}: the prompts of ${calls} call(s) were not rendered: their input_refs reference more than ${MAX_SAMPLE_REFERENCED_MESSAGES.toLocaleString('en-US')} messages or ${MAX_SAMPLE_REFERENCED_CHARS.toLocaleString('en-US')} characters in total for the sample (their recorded usage is kept)`);
  }
  if (stats.incompletePrompts > 0) {
    diags.add(null, 'warning', `${stats.incompletePrompts} call(s) reference messages or attachments the log does not contain: their prompts are incomplete`);
  }
  for (const a of stats.usageAssumptions) diags.add(null, 'info', a);
  if (emptySamples.length > 0) {
    diags.add(null, 'info', `${emptySamples.length} sample(s) without agent model calls, so no task: ${emptySamples.slice(0, 5).join(', ')}${emptySamples.length > 5 ? '…' : ''}`);
  }
}

/** One sample that breaks an assumption costs that sample, not the rest of the log. */
function safeSampleToTask(...args: Parameters<typeof sampleToTask>): SampleResult {
  try {
    return sampleToTask(...args);
  } catch (e) {
    return { ok: false, error: `could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

async function readJsonLog(path: string, limits: ReadLimits, diags: DiagnosticList): Promise<Task[]> {
  const whole = await readWholeText(path, limits.maxJsonDocumentBytes);
  if ('tooLarge' in whole) {
    diags.add(null, 'error', `file is ${formatBytes(whole.tooLarge)}, over the ${formatBytes(limits.maxJsonDocumentBytes)} JSON document limit; not read (the .eval form of the log streams per sample)`);
    return [];
  }
  if (whole.invalidUtf8) diags.add(null, 'warning', 'not valid UTF-8; bad bytes replaced before parsing');
  const text = whole.text.replace(/^\uFEFF/, '');
  const parsed = parseJson(text);
  if (!parsed.ok) {
    diags.add(errorLine(text, parsed.error), 'error', `not valid JSON (${parsed.error}); nothing read`);
    return [];
  }
  const doc = rec(parsed.value);
  if (!doc) {
    diags.add(null, 'error', 'not an Inspect log: the document is not a JSON object');
    return [];
  }
  const info = logInfo(doc, 'log', diags);
  if (doc.samples == null) {
    diags.add(null, 'info', 'the log has no samples (written without log_samples?)');
    return [];
  }
  if (!Array.isArray(doc.samples)) {
    diags.add(null, 'error', '"samples" is not a list; nothing read');
    return [];
  }
  const interner = new MessageInterner();
  const stats = newStats();
  const empty: string[] = [];
  const tasks: Task[] = [];
  doc.samples.forEach((raw, i) => {
    const r = safeSampleToTask(raw, { interner, inspectVersion: info.version }, stats);
    if (!r.ok) diags.add(null, 'error', `samples[${i}]: ${r.error}; sample skipped`);
    else if (r.task) tasks.push(r.task);
    else empty.push(r.sampleId);
  });
  summarize(stats, empty, diags);
  return tasks;
}

async function readJsonEntry(zip: ZipReader, entry: ZipEntryInfo, limits: ReadLimits, diags: DiagnosticList): Promise<unknown> {
  const t = await zip.readText(entry, limits.maxJsonDocumentBytes);
  if (!t.ok) {
    diags.add(null, 'error', `${entry.name}: ${t.error}; entry skipped`);
    return undefined;
  }
  if (t.invalidUtf8) diags.add(null, 'warning', `${entry.name}: not valid UTF-8; bad bytes replaced`);
  const parsed = parseJson(t.text);
  if (!parsed.ok) {
    diags.add(null, 'error', `${entry.name}: not valid JSON (${parsed.error}); entry skipped`);
    return undefined;
  }
  return parsed.value;
}

async function readEvalLog(path: string, limits: ReadLimits, diags: DiagnosticList): Promise<Task[]> {
  const opened = await ZipReader.open(path, limits.maxJsonDocumentBytes * ZIP_TOTAL_FACTOR);
  if (!opened.ok) {
    diags.add(null, 'error', `not a readable .eval archive (${opened.error}): the file may be truncated or still being written`);
    return [];
  }
  const zip = opened.zip;
  try {
    if (zip.listingProblem) diags.add(null, 'warning', zip.listingProblem);
    // A re-logged sample appears twice; like Inspect, the last entry of a name wins.
    const byName = new Map<string, ZipEntryInfo>();
    for (const e of zip.entries) byName.set(e.name, e);

    let info: LogInfo = { version: null };
    const header = byName.get('header.json') ?? byName.get('_journal/start.json');
    if (!byName.has('header.json')) diags.add(null, 'info', 'no header.json: the eval was still running or was interrupted');
    if (header) {
      const doc = rec(await readJsonEntry(zip, header, limits, diags));
      if (doc) info = logInfo(doc, header.name, diags);
    }

    const chunked = new Set<string>();
    const interner = new MessageInterner();
    const stats = newStats();
    const empty: string[] = [];
    const tasks: { key: string; task: Task }[] = [];
    for (const entry of byName.values()) {
      const c = CHUNKED_SAMPLE_ENTRY.exec(entry.name);
      if (c) chunked.add(c[1] ?? entry.name);
      if (!SAMPLE_ENTRY.test(entry.name)) continue;
      const raw = await readJsonEntry(zip, entry, limits, diags);
      if (raw === undefined) continue;
      const r = safeSampleToTask(raw, { interner, inspectVersion: info.version }, stats);
      if (!r.ok) diags.add(null, 'error', `${entry.name}: ${r.error}; sample skipped`);
      else if (r.task) tasks.push({ key: r.sortKey, task: r.task });
      else empty.push(r.sampleId);
    }
    if (chunked.size > 0) {
      diags.add(null, 'warning', `${chunked.size} sample(s) use Inspect's chunked sample layout, which this reader does not support yet: skipped (${[...chunked].slice(0, 3).join(', ')})`);
    }
    summarize(stats, empty, diags);
    tasks.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return tasks.map((t) => t.task);
  } finally {
    zip.close();
  }
}

async function readInspect(path: string, limits: ReadLimits): Promise<ReadResult> {
  const diags = new DiagnosticList();
  let tasks: Task[] = [];
  try {
    tasks = (await startsWithZipMagic(path)) ? await readEvalLog(path, limits, diags) : await readJsonLog(path, limits, diags);
  } catch (e) {
    // Readers never throw: an unforeseen failure is one more diagnostic.
    diags.add(null, 'error', `could not read the log: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { tasks, diagnostics: diags.finish() };
}

export const inspectReader: TraceReader = {
  format: 'inspect-ai',
  label: 'Inspect AI eval log (.eval / .json)',
  detect: detectInspect,
  read: readInspect,
};

export const readers: TraceReader[] = [inspectReader];
