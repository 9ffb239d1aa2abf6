/**
 * The hover and the CodeLens line of a prompt file. Pure: the vscode layer wraps the hover text in
 * a MarkdownString whose only trusted command is the "Open Cost Panel" link built here.
 */
import { formatUsd } from '../../core/format';
import { approxUsd, usdWithRange } from '../../core/format-range';
import { escapeMarkdown as md } from '../../core/panel/report';
import { CommandId } from '../../shared/commands';
import type { PromptCosts } from '../model/prompt-costs';
import { formatCount, isModelExact, tokenLabel, type TokenCountView } from './tokens';

/** Scenarios beyond this many are left out of a hover (the panel has them all). */
export const MAX_HOVER_SCENARIOS = 8;

export interface PromptHoverInput {
  file: TokenCountView;
  /** The selection's count, when the hover is over a non-empty selection. */
  selection?: TokenCountView | null;
  costs: PromptCosts;
  /** The document's URI, for the "Open Cost Panel" link. */
  uri: string;
}

export function openPanelLink(uri: string): string {
  return `command:${CommandId.openPanel}?${encodeURIComponent(JSON.stringify([uri]))}`;
}

const pair = (a: number | null, b: number | null) => `${formatUsd(a)} / ${formatUsd(b)}`;

export function promptHoverMarkdown(h: PromptHoverInput): string {
  const out: string[] = [];
  out.push(`**AgentCost**: ${h.file.tokens.toLocaleString('en-US')} tokens · ${md(tokenLabel(h.file))}`);
  if (h.costs.verdict) out.push('', `**${md(h.costs.verdict)}**`);
  if (h.selection) out.push('', `Selection: **${h.selection.tokens.toLocaleString('en-US')} tokens** (${md(h.selection.encoding)})`);
  const shown = h.costs.scenarios.slice(0, MAX_HOVER_SCENARIOS);
  out.push(
    '',
    '| scenario | $/call API | $/call self-host | $/task API no cache / cached | $/task self-host no reuse / reuse |',
    '|---|---:|---:|---:|---:|',
    ...shown.map(
      (s) =>
        `| ${md(s.name)}${s.dependsOnEstimates ? ' [E]' : ''} | ${formatUsd(s.perCall.api)} | ${usdWithRange(s.perCall.selfHost, s.ranges.perCallSelfHost)} | ${pair(s.perTask.apiNoCache, s.perTask.apiCached)} | ${usdWithRange(s.perTask.selfHostNoReuse, s.ranges.perTask.selfHostNoReuse)} / ${usdWithRange(s.perTask.selfHostReuse, s.ranges.perTask.selfHostReuse)} |`,
    ),
  );
  if (h.costs.scenarios.length > shown.length) out.push('', `… and ${h.costs.scenarios.length - shown.length} more scenario(s) in the cost panel.`);
  const problems = [...new Set(shown.flatMap((s) => s.problems))].slice(0, 4);
  if (problems.length) out.push('', ...problems.map((p) => `- not computed: ${md(p)}`));
  out.push(
    '',
    `Per call: this file as input + ${formatCount(Math.round(h.costs.params.perStepOutput))} output tokens. ` +
      `Per task: k = ${h.costs.k} (${md(h.costs.kLabel)}); ${md(h.costs.paramsSource)}.` +
      (shown.some((s) => s.dependsOnEstimates) ? ' [E]: depends on estimated inputs.' : ''),
    '',
    `[Open Cost Panel](${openPanelLink(h.uri)})`,
  );
  return out.join('\n');
}

export function promptHoverError(message: string): string {
  return `**AgentCost**: ${md(message)}`;
}

/** One line at the top of a prompt file (the first scenario: the settings' default). */
export function promptCodeLensTitle(file: TokenCountView, costs: PromptCosts): string {
  const s = costs.scenarios[0];
  const tokens = `${isModelExact(file) ? '' : '~'}${formatCount(file.tokens)} tokens`;
  if (!s) return `AgentCost: ${tokens}`;
  return (
    `AgentCost: ${tokens} · per call API ${formatUsd(s.perCall.api)} vs self-host ${approxUsd(s.perCall.selfHost, s.ranges.perCallSelfHost)}` +
    ` · per task (k=${costs.k}) API ${formatUsd(s.perTask.apiCached)} cached vs self-host ${approxUsd(s.perTask.selfHostReuse, s.ranges.perTask.selfHostReuse)} with reuse`
  );
}
