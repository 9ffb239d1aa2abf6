/**
 * OpenCode (≥ 1.2) and Kilo CLI databases (`opencode.db`, `kilo.db`, `kilo-<channel>.db`; FORMATS.md
 * §19, §22): tables `session`, `message` (`data` = the message info without id/sessionID) and `part`,
 * per opencode's session.sql.ts. Read with sql.js (SQLite compiled to WebAssembly: no native build),
 * loaded on first use. Written from the source; no real database is stored.
 *
 * - One file holds every session of every project: each session's tasks and calls get its id as a
 *   prefix (lineages apart); a session with a parent is a subagent's, its calls flagged so.
 * - Messages are read like an export's (see opencode.ts and opencode-session.ts).
 * - A database in WAL mode is read without its `-wal` file: changes not yet checkpointed into the
 *   main file are missed, and a warning says so when that file is not empty.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Database, SqlJsStatic } from 'sql.js';
import type { Diagnostic, Task } from '../model';
import type { Probe } from '../io';
import { formatBytes, parseJson } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { OpenCodeSession } from './opencode-session';
import { errorText, neverThrows } from './json-document';
import { isRecord } from './openai-shapes';

const DB_NAME = /^(?:opencode|kilo)(?:-[\w.-]+)?\.db$/i;

export function detectOpenCodeDb(probe: Probe): number {
  return probe.head.startsWith('SQLite format 3\u0000') && DB_NAME.test(probe.fileName) ? 0.9 : 0;
}

let sqlJs: Promise<SqlJsStatic> | null = null;
function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= import('sql.js/dist/sql-wasm-inline.js').then((m) => m.default());
  return sqlJs;
}

/** Rows of a query as objects. */
function rows(db: Database, sql: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const st = db.prepare(sql);
  try {
    while (st.step()) out.push(st.getAsObject());
  } finally {
    st.free();
  }
  return out;
}

function json(v: unknown): Record<string, unknown> | null {
  if (typeof v !== 'string') return null;
  const p = parseJson(v);
  return p.ok && isRecord(p.value) ? p.value : null;
}

function readSessions(db: Database, diagnostics: Diagnostic[]): Task[] {
  const tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name));
  if (!tables.has('message') || !tables.has('session')) {
    diagnostics.push({ line: null, severity: 'error', message: 'not an OpenCode database: no `session` and `message` tables' });
    return [];
  }
  const parents = new Map(rows(db, 'SELECT id, parent_id FROM session').map((r) => [String(r.id), r.parent_id != null]));
  // only the parts the reader uses: typed text (task titles) and step-finish (per-step tokens)
  const parts = new Map<string, unknown[]>();
  if (tables.has('part')) {
    for (const r of rows(db, "SELECT message_id, data FROM part WHERE json_extract(data, '$.type') IN ('text', 'step-finish') ORDER BY message_id, id")) {
      const d = json(r.data);
      if (!d) continue;
      const list = parts.get(String(r.message_id)) ?? [];
      list.push(d);
      parts.set(String(r.message_id), list);
    }
  }
  const tasks: Task[] = [];
  let session: OpenCodeSession | null = null;
  let current: string | null = null;
  let bad = 0;
  const flush = () => {
    if (session) tasks.push(...session.finish(false));
  };
  for (const r of rows(db, 'SELECT id, session_id, data FROM message ORDER BY session_id, time_created, id')) {
    const sid = String(r.session_id);
    if (sid !== current) {
      flush();
      current = sid;
      session = new OpenCodeSession(diagnostics, `${sid}/`, parents.get(sid) ?? false);
    }
    const data = json(r.data);
    if (!data) {
      bad++;
      continue;
    }
    const id = String(r.id);
    session!.add({ info: { ...data, id, sessionID: sid }, parts: parts.get(id) ?? [], line: null, where: `message ${id}` });
  }
  flush();
  if (bad > 0) diagnostics.push({ line: null, severity: 'warning', message: `${bad} message rows whose data is not a JSON object: skipped` });
  if (tasks.length === 0) diagnostics.push({ line: null, severity: 'warning', message: 'no assistant message with recorded tokens in this database' });
  return tasks;
}

async function readOpenCodeDb(path: string, limits: ReadLimits): Promise<ReadResult> {
  const diagnostics: Diagnostic[] = [];
  const size = (await stat(path)).size;
  if (size > limits.maxJsonDocumentBytes) {
    diagnostics.push({ line: null, severity: 'error', message: `the database is ${formatBytes(size)}, over the ${formatBytes(limits.maxJsonDocumentBytes)} limit for a whole document: not read` });
    return { tasks: [], diagnostics };
  }
  const bytes = new Uint8Array(await readFile(path));
  // WAL mode (header bytes 18–19 = 2) needs the -wal file, which is not loaded: read the main file as is
  if (bytes.length > 19 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
  const wal = await stat(`${path}-wal`).catch(() => null);
  if (wal && wal.size > 0) {
    diagnostics.push({ line: null, severity: 'warning', message: `${formatBytes(wal.size)} of recent changes are in ${path}-wal, not yet in the database file: not read, so the latest messages may be missing` });
  }
  let db: Database | null = null;
  try {
    const SQL = await loadSqlJs();
    db = new SQL.Database(bytes);
    return { tasks: readSessions(db, diagnostics), diagnostics };
  } catch (e) {
    diagnostics.push({ line: null, severity: 'error', message: `cannot read the SQLite database: ${errorText(e)}` });
    return { tasks: [], diagnostics };
  } finally {
    db?.close();
  }
}

export const readers: TraceReader[] = [
  {
    format: 'opencode',
    label: 'OpenCode / Kilo CLI database (opencode.db)',
    detect: detectOpenCodeDb,
    read: neverThrows('OpenCode database', readOpenCodeDb),
  },
];
