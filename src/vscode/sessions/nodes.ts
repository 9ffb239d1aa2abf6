/**
 * The "This workspace" part of the Agent Traces view as plain data (pure): agent → session, with
 * each session's date, title, k and cost, or one line saying why there is nothing to list.
 * Labels are plain text (TreeItem renders no Markdown), so titles from session files inject nothing.
 */
import { AGENT_IDS, AGENT_LABELS, type AgentId, type DiscoveredSession } from '../../core/discovery';
import { sessionTotals } from '../../core/discovery/session-totals';
import { formatNumber, formatUsd } from '../../core/format';
import { approxUsd, usdWithRange } from '../../core/format-range';
import { modeRanges } from '../../core/pipeline/self-host-range';
import type { RatioBand } from '../../core/perf/uncertainty';
import type { FileAnalysis } from '../../core/inference/analyze';
import { traceSummary } from '../model/trace-summary';

export type SessionsState =
  | { kind: 'disabled' }
  | { kind: 'untrusted' }
  | { kind: 'no-folder' }
  | { kind: 'searching' }
  /** band: the throughput band of the self-host rates (`ratesBand`), for "≈" and the ranges; null: none. */
  | { kind: 'ready'; sessions: readonly SessionRow[]; notes: readonly string[]; band: RatioBand | null };

export interface SessionRow {
  session: DiscoveredSession;
  /** null until analyzed, or when no reader knows the file. */
  analysis: FileAnalysis | null;
}

export type SessionNode =
  | { kind: 'sessions-root'; label: string; description: string; tooltip: string; hasChildren: boolean }
  | { kind: 'sessions-agent'; agent: AgentId; label: string; description: string }
  | { kind: 'sessions-item'; path: string; label: string; description: string; tooltip: string; readable: boolean; subagent: boolean }
  | { kind: 'sessions-info'; label: string; tooltip: string; action: 'trust' | 'settings' | null };

export function isSessionNode(n: { kind: string }): n is SessionNode {
  return n.kind.startsWith('sessions-');
}

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : 'undated');

function rootInfo(state: SessionsState): SessionNode[] {
  switch (state.kind) {
    case 'disabled':
      return [{ kind: 'sessions-info', label: 'Session discovery is off', tooltip: 'agentcost.discovery.enabled is false.', action: 'settings' }];
    case 'untrusted':
      return [{
        kind: 'sessions-info',
        label: 'Restricted Mode: agent sessions are not read',
        tooltip: 'The agents keep their sessions outside this workspace (~/.claude, ~/.codex, VS Code storage...). AgentCost reads files outside the workspace only in a trusted workspace. Click to manage Workspace Trust and trust this folder.',
        action: 'trust',
      }];
    case 'no-folder':
      return [{ kind: 'sessions-info', label: 'Open a folder to see its agent sessions', tooltip: 'Sessions are matched to the workspace folder the agent ran in.', action: null }];
    case 'searching':
      return [{ kind: 'sessions-info', label: 'Looking for agent sessions…', tooltip: '', action: null }];
    case 'ready':
      return [];
  }
}

export function sessionsRoot(state: SessionsState): SessionNode {
  const n = state.kind === 'ready' ? state.sessions.length : 0;
  return {
    kind: 'sessions-root',
    label: 'This workspace',
    description: state.kind === 'ready' ? `${n} agent session${n === 1 ? '' : 's'}` : '',
    tooltip: 'Sessions the agents wrote for this workspace folder, found where each agent keeps them.',
    hasChildren: true,
  };
}

export function sessionsChildren(state: SessionsState, node: SessionNode): SessionNode[] {
  if (state.kind !== 'ready') return node.kind === 'sessions-root' ? rootInfo(state) : [];
  if (node.kind === 'sessions-root') {
    const out: SessionNode[] = [];
    for (const agent of AGENT_IDS) {
      const n = state.sessions.filter((r) => r.session.agent === agent).length;
      if (n) out.push({ kind: 'sessions-agent', agent, label: AGENT_LABELS[agent], description: `${n} session${n === 1 ? '' : 's'}` });
    }
    if (out.length === 0) out.push({ kind: 'sessions-info', label: 'No agent session found for this folder', tooltip: 'Claude Code, Codex, Gemini CLI, Qwen Code, OpenCode, Cline, Roo Code, Kilo Code and Copilot Chat storage was searched (settings: agentcost.discovery.*).', action: 'settings' });
    for (const note of state.notes) out.push({ kind: 'sessions-info', label: note.length > 90 ? note.slice(0, 89) + '…' : note, tooltip: note, action: null });
    return out;
  }
  if (node.kind === 'sessions-agent') {
    return state.sessions
      .filter((r) => r.session.agent === node.agent)
      .slice()
      .reverse() // newest first
      .map((r) => sessionItem(r, state.band));
  }
  return [];
}

export function sessionItem(r: SessionRow, band: RatioBand | null): SessionNode {
  const s = r.session;
  const f = r.analysis;
  const title = s.title ?? f?.tasks[0]?.title ?? s.sessionId ?? 'session';
  const label = `${day(s.started)}  ${title}`;
  if (!f || f.format === null) {
    return { kind: 'sessions-item', path: s.path, label, description: 'not read (no reader for this format yet)', tooltip: `${s.path}\nAgentCost does not read this format yet.`, readable: false, subagent: s.subagent };
  }
  const sum = traceSummary(f);
  const totals = sessionTotals(f);
  const api = totals.cost?.apiCachedObserved ?? totals.cost?.apiCached ?? null;
  const ranges = totals.cost ? modeRanges(totals.cost, band) : { selfHostReuse: null, selfHostNoReuse: null };
  const description = `${s.subagent ? 'subagent · ' : ''}k ${formatNumber(sum.meanK, 1)} · ${totals.calls ?? 0} calls · API ${formatUsd(api)} · self-host ${approxUsd(totals.cost?.selfHostReuse, ranges.selfHostReuse)}`;
  const tooltip = [
    s.path,
    `${totals.calls ?? 0} calls in ${f.tasks.length} task(s); mean k ${formatNumber(sum.meanK, 1)}`,
    `API: billed ${formatUsd(totals.cost?.apiCachedObserved)}, cached estimate ${formatUsd(totals.cost?.apiCached)}, no cache ${formatUsd(totals.cost?.apiNoCache)}`,
    `Self-host: with reuse ${usdWithRange(totals.cost?.selfHostReuse, ranges.selfHostReuse)}, without ${usdWithRange(totals.cost?.selfHostNoReuse, ranges.selfHostNoReuse)}`,
    s.started ? `Started ${s.started} (UTC)` : 'Start time not recorded',
  ].join('\n');
  return { kind: 'sessions-item', path: s.path, label, description, tooltip, readable: true, subagent: s.subagent };
}
