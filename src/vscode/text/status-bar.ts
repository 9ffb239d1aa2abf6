/**
 * The status bar item's text and tooltip (Markdown). The text always starts with `$(graph)`; the
 * item's name is "AgentCost". Pure.
 */
import { formatNumber, formatUsd } from '../../core/format';
import { approxUsd, usdWithRange } from '../../core/format-range';
import { escapeMarkdown as md } from '../../core/panel/report';
import type { PromptCosts } from '../model/prompt-costs';
import type { TraceSummary } from '../model/trace-summary';
import { formatCount, isModelExact, tokenLabel, type TokenCountView } from './tokens';

export interface StatusView {
  text: string;
  /** Markdown. */
  tooltip: string;
}

export const STATUS_ICON = '$(graph)';
const CLICK = 'Click to open the cost panel.';

export function idleStatusView(): StatusView {
  return { text: `${STATUS_ICON} AgentCost`, tooltip: `**AgentCost**: what one task of your agent costs on an API vs self-hosted.\n\n${CLICK}` };
}

export function busyStatusView(what: string): StatusView {
  return { text: `${STATUS_ICON} AgentCost $(sync~spin)`, tooltip: `**AgentCost**: ${md(what)}…` };
}

export function errorStatusView(message: string): StatusView {
  return { text: `${STATUS_ICON} AgentCost $(warning)`, tooltip: `**AgentCost**: ${md(message)}` };
}

export function promptStatusView(count: TokenCountView, costs: PromptCosts): StatusView {
  const s = costs.scenarios[0];
  const tilde = isModelExact(count) ? '' : '~';
  const text = `${STATUS_ICON} ${tilde}${formatCount(count.tokens)} tok · API ${formatUsd(s?.perCall.api)} · self-host ${approxUsd(s?.perCall.selfHost, s?.ranges.perCallSelfHost)} /call`;
  const lines = [
    `**AgentCost**: prompt file, ${count.tokens.toLocaleString('en-US')} tokens, ${md(tokenLabel(count))}`,
    '',
    ...(costs.verdict ? [`**${md(costs.verdict)}**`, ''] : []),
  ];
  if (s) {
    lines.push(
      `${md(s.name)}${s.dependsOnEstimates ? ' [E]' : ''}`,
      '',
      `- per call (this prompt as input + ${formatCount(Math.round(costs.params.perStepOutput))} output tokens): API ${formatUsd(s.perCall.api)}, self-host ${usdWithRange(s.perCall.selfHost, s.ranges.perCallSelfHost)}`,
      `- per task at k = ${costs.k} (${md(costs.kLabel)}): API ${formatUsd(s.perTask.apiNoCache)} without cache, ${formatUsd(s.perTask.apiCached)} cached; self-host ${usdWithRange(s.perTask.selfHostNoReuse, s.ranges.perTask.selfHostNoReuse)} without prefix reuse, ${usdWithRange(s.perTask.selfHostReuse, s.ranges.perTask.selfHostReuse)} with`,
      ...s.problems.slice(0, 3).map((p) => `- not computed: ${md(p)}`),
      '',
    );
  }
  lines.push(CLICK);
  return { text, tooltip: lines.join('\n') };
}

export function traceStatusView(fileName: string, s: TraceSummary): StatusView {
  if (s.tasks === 0) {
    return { text: `${STATUS_ICON} AgentCost: no tasks`, tooltip: `**AgentCost**: ${md(fileName)} has no task AgentCost could read${s.errors ? ` (${s.errors} error(s))` : ''}.\n\n${CLICK}` };
  }
  const k = formatNumber(s.meanK, s.meanK !== null && Number.isInteger(s.meanK) ? 0 : 1);
  const text = `${STATUS_ICON} k ${k} · API ${formatUsd(s.apiPerTask)} · self-host ${approxUsd(s.selfHostPerTask, s.selfHostPerTaskRange)} /task`;
  const basis = s.apiBasis === 'billed' ? 'what the provider billed (usage records the cache split)' : 'each call at its own model\'s price, cached input at the cache-read price';
  const tooltip = [
    `**AgentCost**: ${md(fileName)}, ${s.tasks} task(s)${s.tasks > 1 ? ', means per task' : ''}`,
    '',
    ...(s.verdict ? [`**${md(s.verdict)}**`, ''] : []),
    `- k (calls per task): ${k}`,
    `- API: ${formatUsd(s.apiPerTask)} (${basis})${s.unpricedTasks ? `; ${s.unpricedTasks} task(s) unpriced` : ''}`,
    `- self-host with prefix reuse: ${usdWithRange(s.selfHostPerTask, s.selfHostPerTaskRange)}`,
    ...(s.errors ? [`- ${s.errors} error(s) while reading: see the cost panel`] : []),
    '',
    CLICK,
  ].join('\n');
  return { text, tooltip };
}
