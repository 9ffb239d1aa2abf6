/**
 * Claude Code session transcripts (~/.claude/projects/<dir>/<session>.jsonl, and subagent files
 * agent-<id>.jsonl). See FORMATS.md §5.
 *
 * - Call: one API response, i.e. the assistant lines sharing a requestId (else message.id); usage
 *   from the response's last line (earlier lines can carry a streaming-partial output count).
 *   `<synthetic>` error stubs are not calls; a line repeated with the same uuid is read once.
 * - Task: starts at each human-typed main-chain user message; calls before the first one form
 *   task `turn-0`. Subagent (sidechain) calls go to the task whose Task tool_use started them.
 * - Lineage: `main` (then `main-2`, ... after each compaction), `agent-<agentId>` or
 *   `sidechain-<root uuid>` per subagent conversation.
 * - Prompts: system prompt and tool definitions are never logged, so promptComplete is false and
 *   prompt stays null (rebuilding the partial history would mean holding every message's text).
 */
import type { TraceReader } from '../reader';
import { detectClaudeCode, readClaudeCode } from './claude-code-read';

export { agentIdFromFileName, detectClaudeCode, readClaudeCode } from './claude-code-read';
export { billedTokens, sumClaudeCodeUsage } from './claude-code-billing';
export type { BilledTokens, ClaudeCodeUsageSum } from './claude-code-billing';

export const claudeCodeReader: TraceReader = {
  format: 'claude-code',
  label: 'Claude Code session (JSONL)',
  detect: detectClaudeCode,
  read: readClaudeCode,
};

export const readers: TraceReader[] = [claudeCodeReader];
