/**
 * OpenAI Codex CLI rollouts (~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl). See FORMATS.md §6.
 *
 * - Call: a `token_count` event with usage; each is written twice, so an event whose running
 *   total equals the previous one is dropped. Usage from `last_token_usage` (input includes cached).
 * - Task: starts at each human `user_message` event (injected environment/instructions excluded);
 *   calls before the first one form task `turn-0`.
 * - Lineage: the session, `main`; a compaction (`compacted` line or `context_compacted` event)
 *   starts `main-2`, and so on.
 * - Model from the latest `turn_context`; provider from session_meta.model_provider, else openai.
 * - Prompts are not logged per call (tool definitions missing): prompt null, promptComplete false.
 */
import type { Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { probeObjects, readJsonlSession } from './jsonl-lines';
import { CodexSession } from './codex-cli-session';

const RECORD_TYPES = new Set(['session_meta', 'response_item', 'event_msg', 'turn_context', 'compacted']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isEnvelope(o: Record<string, unknown>): boolean {
  return typeof o.timestamp === 'string' && typeof o.type === 'string' && RECORD_TYPES.has(o.type) && isObject(o.payload);
}

export function detectCodexCli(probe: Probe): number {
  if (probe.binary) return 0;
  const objects = probeObjects(probe.firstLines);
  const first = objects[0];
  if (first && isEnvelope(first) && first.type === 'session_meta') {
    const p = first.payload as Record<string, unknown>;
    if (typeof p.originator === 'string' || typeof p.cli_version === 'string' || typeof p.id === 'string') return 0.95;
  }
  const envelopes = objects.filter((o) => o !== undefined && isEnvelope(o)).length;
  if (envelopes > 0 && envelopes >= objects.length / 2) return 0.8;
  // a session_meta first line longer than the probe (long instructions): look for the envelope
  // keys near its start, as Claude Code's detection does
  const head = probe.head.slice(0, 4096);
  if (objects.length === 0 && /^\s*\{"/.test(head) && /"type"\s*:\s*"session_meta"/.test(head) && /"timestamp"\s*:\s*"/.test(head) && /"payload"\s*:\s*\{/.test(head)) {
    return 0.6;
  }
  // mid-2025 builds: a header {id, timestamp, instructions} without `type`
  if (first && first.type === undefined && typeof first.id === 'string' && typeof first.timestamp === 'string' && 'instructions' in first) {
    return 0.5;
  }
  return 0;
}

export function readCodexCli(path: string, limits: ReadLimits): Promise<ReadResult> {
  return readJsonlSession(path, limits, (diags) => new CodexSession(diags));
}

export const codexCliReader: TraceReader = {
  format: 'codex-cli',
  label: 'Codex CLI rollout (JSONL)',
  detect: detectCodexCli,
  read: readCodexCli,
};

export const readers: TraceReader[] = [codexCliReader];
