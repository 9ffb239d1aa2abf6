/**
 * OpenCode sessions (FORMATS.md §22): `opencode export <id>` JSON (`{info: Session, messages:
 * [{info, parts}]}`), and the legacy JSON file store (≤ 1.1.x, also Kilo CLI's) where each message
 * is `storage/message/<sessionID>/msg_*.json`.
 *
 * - Call: an assistant message with recorded tokens (one message = one step = one LLM call; an
 *   older message with several step-finish parts gives one call per step). A message with no token
 *   at all (aborted `MessageAbortedError`, or unfinished) records no usage: it is not counted as a
 *   call, and a warning says its tokens, if any were spent, are missing from the totals.
 * - Usage: `input` excludes the cache, `reasoning` is apart from `output`: inTotal = input +
 *   cache.read + cache.write, output = output + reasoning (reasoning also kept apart).
 * - Task: each user message with typed text; lineage `main`, and after a compaction (summary)
 *   message `main-2`…
 * - Legacy store: the session folder is read once, through its first message file (ids sort by
 *   time); the other message files of the folder say so and add nothing, so a folder scan counts
 *   each call once. Titles come from the first text part in `storage/part/<messageID>/`.
 * - Newer OpenCode (and Kilo CLI) keep sessions in SQLite (`opencode.db`): opencode-sqlite.ts.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Diagnostic } from '../model';
import type { Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { OpenCodeSession } from './opencode-session';
import { arrayItemLines } from './json-item-lines';
import { errorText, loadJsonDocument, neverThrows, typeName } from './json-document';
import { isRecord } from './openai-shapes';

const LEGACY_PATH = /[\\/]storage[\\/]message[\\/][^\\/]+[\\/][^\\/]+\.json$/i;

export function detectOpenCode(probe: Probe): number {
  if (probe.binary) return 0;
  const head = probe.head.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{')) return 0;
  // export: the session info first, then the messages
  if (/^\{\s*"info"\s*:\s*\{\s*"id"\s*:\s*"ses_/.test(head) && /"messages"\s*:\s*\[/.test(head)) return 0.95;
  if (/^\{\s*"info"\s*:\s*\{/.test(head) && /"id"\s*:\s*"ses_/.test(head) && /"messages"\s*:\s*\[\s*\{\s*"info"/.test(head)) return 0.9;
  // one message of the legacy store
  const message = /"id"\s*:\s*"msg_/.test(head) && /"sessionID"\s*:/.test(head) && /"role"\s*:\s*"(?:user|assistant)"/.test(head);
  if (message && LEGACY_PATH.test(probe.path)) return 0.9;
  if (message && /"tokens"\s*:\s*\{/.test(head)) return 0.6;
  return 0;
}

async function readExport(root: Record<string, unknown>, text: string, diagnostics: Diagnostic[]): Promise<ReadResult> {
  const messages = root.messages;
  if (!Array.isArray(messages)) {
    diagnostics.push({ line: null, severity: 'error', message: `not an OpenCode export: \`messages\` is ${typeName(messages)}, expected a list` });
    return { tasks: [], diagnostics };
  }
  const lines = arrayItemLines(text, 2);
  const session = new OpenCodeSession(diagnostics);
  messages.forEach((m, i) => {
    const rec = isRecord(m) ? m : {};
    session.add({ info: rec.info, parts: Array.isArray(rec.parts) ? rec.parts : [], line: lines[i] ?? null, where: `messages[${i}]` });
  });
  return { tasks: session.finish(), diagnostics };
}

/** The first text part of a legacy-store message, for a task title. */
async function legacyTitle(messageDir: string, messageId: string, limits: ReadLimits): Promise<string | null> {
  const partDir = join(dirname(dirname(messageDir)), 'part', messageId);
  const names = (await readdir(partDir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  for (const n of names) {
    const doc = await loadJsonDocument(join(partDir, n), limits);
    if (doc.ok && isRecord(doc.value) && doc.value.type === 'text' && !doc.value.synthetic && typeof doc.value.text === 'string') return doc.value.text;
  }
  return null;
}

async function readLegacyFolder(path: string, limits: ReadLimits, diagnostics: Diagnostic[]): Promise<ReadResult> {
  const dir = dirname(path);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const first = names[0];
  if (first !== undefined && first !== basename(path)) {
    diagnostics.push({ line: null, severity: 'info', message: `one message of an OpenCode session: the session is read once, through ${first}` });
    return { tasks: [], diagnostics };
  }
  const loaded: { info: Record<string, unknown>; name: string }[] = [];
  for (const name of names) {
    const doc = await loadJsonDocument(join(dir, name), limits);
    if (!doc.ok || !isRecord(doc.value)) {
      const why = doc.ok ? `a JSON ${typeName(doc.value)}, expected a message object` : doc.diagnostics.map((d) => d.message).join('; ');
      diagnostics.push({ line: null, severity: 'warning', message: `${name}: ${why}; skipped` });
      continue;
    }
    loaded.push({ info: doc.value, name });
  }
  const created = (m: { info: Record<string, unknown> }) => (isRecord(m.info.time) && typeof m.info.time.created === 'number' ? m.info.time.created : 0);
  loaded.sort((a, b) => created(a) - created(b) || a.name.localeCompare(b.name));
  const session = new OpenCodeSession(diagnostics);
  for (const m of loaded) {
    const id = typeof m.info.id === 'string' ? m.info.id : null;
    const title = m.info.role === 'user' && id ? await legacyTitle(dir, id, limits) : null;
    session.add({ info: m.info, parts: null, line: null, where: m.name }, title);
  }
  return { tasks: session.finish(), diagnostics };
}

async function readOpenCode(path: string, limits: ReadLimits): Promise<ReadResult> {
  const doc = await loadJsonDocument(path, limits);
  if (!doc.ok) return { tasks: [], diagnostics: doc.diagnostics };
  const diagnostics: Diagnostic[] = doc.diagnostics;
  if (!isRecord(doc.value)) {
    diagnostics.push({ line: null, severity: 'error', message: `not an OpenCode session: a JSON ${typeName(doc.value)}` });
    return { tasks: [], diagnostics };
  }
  if ('messages' in doc.value) return readExport(doc.value, doc.text, diagnostics);
  try {
    return await readLegacyFolder(path, limits, diagnostics);
  } catch (e) {
    diagnostics.push({ line: null, severity: 'error', message: `cannot read the session folder: ${errorText(e)}` });
    return { tasks: [], diagnostics };
  }
}

export const readers: TraceReader[] = [
  {
    format: 'opencode',
    label: 'OpenCode session (export JSON or storage/message files)',
    detect: detectOpenCode,
    read: neverThrows('OpenCode', readOpenCode),
  },
];
