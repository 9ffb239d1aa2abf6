/**
 * Cline, Roo Code and Kilo Code task folders (FORMATS.md §17–19):
 * `globalStorage/<extension id>/tasks/<task id>/ui_messages.json`, read with its sibling
 * api_conversation_history.json when present. The folder's other files (api_conversation_history.json,
 * task_metadata.json, context_history.json, focus_chain_*.md…) are not traces on their own: they are
 * not detected, so a folder scan counts each task once, through its ui_messages.json.
 *
 * - Session: the task folder; lineage `main`, and after a Roo context condensation `main-2`…
 * - Call: a `say:"api_req_started"` row with recorded usage, in its text JSON (old builds: the next
 *   `api_req_finished` row). Not calls, each said in a diagnostic: a request that failed before the
 *   model answered (cancel reason, zero tokens, zero cost: no work); a row whose usage was never
 *   written (interrupted or running: its tokens, if any, are unknown and missing from the totals);
 *   Roo's condensing call (a cost, no tokens); `deleted_api_reqs` / `subagent_usage` rows (sums).
 * - Task: each human message, the task text (the first `say:"task"`, or a `say:"text"` before any
 *   request) and each `say:"user_feedback"`.
 * - tokensIn: see clineUsage (its meaning depends on the provider and, for Roo, on the version).
 * - Model: Cline's row `modelInfo`; Roo/Kilo rows have none, so the `<model>` tag of the
 *   environment details in the history, when present.
 * Roo Code and Kilo Code readers are written from their source (no real sample was found).
 */
import type { Diagnostic } from '../model';
import type { Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import type { ClineFamily } from './cline-schema';
import { ClineTaskBuilder } from './cline-task';
import { readSiblingHistory } from './cline-history';
import { arrayItemLines } from './json-item-lines';
import { loadJsonDocument, neverThrows, typeName } from './json-document';

const EXTENSION_IDS: readonly [string, ClineFamily][] = [
  ['saoudrizwan.claude-dev', 'cline'],
  ['rooveterinaryinc.roo-cline', 'roo-code'],
  ['kilocode.kilo-code', 'kilo-code'],
];

/** Which of the three wrote this ui_messages.json, or null when it is not one. */
export function clineFamily(probe: Probe): ClineFamily | null {
  if (probe.binary) return null;
  const head = probe.head.replace(/^\uFEFF/, '').trimStart();
  if (!/^\[\s*\{/.test(head)) return null;
  if (!/"type"\s*:\s*"(?:say|ask)"/.test(head) || !/"ts"\s*:\s*\d{9,}/.test(head)) return null;
  const path = probe.path.toLowerCase();
  for (const [id, family] of EXTENSION_IDS) if (path.includes(id)) return family;
  // Roo and its forks write {"apiProtocol": …} into every request row; Cline never does. Kilo's
  // rows look like Roo's: without the extension id in the path, Roo it is.
  if (/apiProtocol/.test(head)) return 'roo-code';
  return 'cline';
}

async function readTask(family: ClineFamily, path: string, limits: ReadLimits): Promise<ReadResult> {
  const doc = await loadJsonDocument(path, limits);
  if (!doc.ok) return { tasks: [], diagnostics: doc.diagnostics };
  const diagnostics: Diagnostic[] = doc.diagnostics;
  if (!Array.isArray(doc.value)) {
    diagnostics.push({ line: null, severity: 'error', message: `not a ui_messages.json: a JSON ${typeName(doc.value)}, expected a list of messages` });
    return { tasks: [], diagnostics };
  }
  const lines = arrayItemLines(doc.text, 1);
  const builder = new ClineTaskBuilder(family, diagnostics);
  doc.value.forEach((row, i) => builder.add(row, i, lines[i] ?? null));
  const history = await readSiblingHistory(path, limits, diagnostics);
  return { tasks: builder.finish(history), diagnostics };
}

function reader(family: ClineFamily, label: string): TraceReader {
  return {
    format: family,
    label,
    detect: (probe) => (clineFamily(probe) === family ? 0.9 : 0),
    read: neverThrows(label, (path, limits) => readTask(family, path, limits)),
  };
}

export const readers: TraceReader[] = [
  reader('cline', 'Cline task (ui_messages.json)'),
  reader('roo-code', 'Roo Code task (ui_messages.json)'),
  reader('kilo-code', 'Kilo Code task (ui_messages.json)'),
];
