/** Detection and reading of Claude Code session files (the rules are in claude-code.ts). */
import { basename } from 'node:path';
import type { Probe } from '../io';
import type { ReadLimits, ReadResult } from '../reader';
import { probeObjects, readJsonlSession } from './jsonl-lines';
import { ClaudeCodeSession } from './claude-code-session';

const AGENT_FILE = /^agent-(.+)\.jsonl$/i;

/** The `<id>` of a subagent file name `agent-<id>.jsonl`, else null. */
export function agentIdFromFileName(fileName: string): string | null {
  return AGENT_FILE.exec(fileName)?.[1] ?? null;
}

function isSessionLine(o: Record<string, unknown>): boolean {
  return typeof o.sessionId === 'string' && 'parentUuid' in o && typeof o.isSidechain === 'boolean';
}

/** Lines that open a session file before any message: a title summary, a file-history snapshot, a queued prompt. */
function isOpeningLine(o: Record<string, unknown>): boolean {
  if (o.type === 'summary') return typeof o.leafUuid === 'string' && typeof o.summary === 'string';
  if (o.type === 'file-history-snapshot') return 'snapshot' in o && typeof o.messageId === 'string';
  if (o.type === 'queue-operation') return typeof o.sessionId === 'string' && typeof o.operation === 'string';
  return false;
}

export function detectClaudeCode(probe: Probe): number {
  if (probe.binary) return 0;
  const objects = probeObjects(probe.firstLines);
  if (objects.some((o) => o !== undefined && isSessionLine(o))) return 0.95;
  if (objects[0] && isOpeningLine(objects[0])) return 0.85;
  // a first line longer than the probe: look for the envelope keys near its start
  const head = probe.head.slice(0, 4096);
  if (
    objects.length === 0 &&
    head.trimStart().startsWith('{"') &&
    head.includes('"parentUuid":') &&
    head.includes('"sessionId":') &&
    head.includes('"isSidechain":')
  ) {
    return 0.6;
  }
  return 0;
}

export function readClaudeCode(path: string, limits: ReadLimits): Promise<ReadResult> {
  return readJsonlSession(path, limits, (diags) => new ClaudeCodeSession(diags, { fileAgentId: agentIdFromFileName(basename(path)) }));
}
