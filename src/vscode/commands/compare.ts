/**
 * Compare Scenarios (quick picks: model, API provider, GPU, utilization, k; the result opens in
 * the cost panel) and Set Utilization (writes agentcost.utilization; the open panel follows).
 */
import { EACH_CALL_LABEL, EACH_CALL_PRICE } from '../../core/pipeline/each-call';
import * as vscode from 'vscode';
import { gpuOffer } from '../../core/catalog/lookup';
import { formatUsd } from '../../core/format';
import type { PanelControls } from '../../shared/protocol';
import type { CommandContext } from './context';
import { parseUtilization } from '../model/utilization';

type Pick<T> = vscode.QuickPickItem & { value: T };


export async function askUtilization(current: number, title: string): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt: 'Share of the time a self-hosted replica does useful work: 0 < u ≤ 1 (0.7 or 70 %)',
    value: String(current),
    validateInput: (v) => (parseUtilization(v) === null ? 'a number in (0, 1], or a percentage up to 100 %' : null),
  });
  return text === undefined ? undefined : (parseUtilization(text) ?? undefined);
}

export async function setUtilization(ctx: CommandContext): Promise<void> {
  const current = ctx.panels.model ? (await ctx.panels.model.controls()).utilization : ctx.config.config.utilization;
  const u = await askUtilization(current, 'AgentCost: set utilization');
  if (u === undefined) return;
  await ctx.config.update('utilization', u);
  await ctx.panels.setControls({ utilization: u });
}

export async function compareScenarios(ctx: CommandContext): Promise<void> {
  const cat = await ctx.catalog.get();
  const c = ctx.config.config;
  const base = ctx.panels.model ? await ctx.panels.model.controls() : null;
  const title = (step: number, what: string) => `AgentCost: compare scenarios (${step}/5) ${what}`;

  const models: Pick<string>[] = cat.models.map((m) => ({ label: m.name, description: m.id, value: m.id, picked: m.id === (base?.model ?? c.defaultModel) }));
  const model = (await vscode.window.showQuickPick(models, { title: title(1, 'self-hosted model (and API model)') }))?.value;
  if (!model) return;

  const providers = [...new Set(cat.apiOffers.filter((o) => o.model.toLowerCase() === model.toLowerCase()).map((o) => o.provider))];
  const providerItems: Pick<string | null>[] = [
    ...(ctx.traces.workspace?.files.length ? [{ label: EACH_CALL_PRICE, description: EACH_CALL_LABEL, value: EACH_CALL_PRICE }] : []),
    ...providers.map((p) => ({ label: p, description: 'catalog price', value: p })),
    { label: 'Another provider…', description: 'any provider the pricing snapshot knows (e.g. together, fireworks)', value: null },
  ];
  const pickedProvider = await vscode.window.showQuickPick(providerItems, { title: title(2, 'API provider') });
  if (!pickedProvider) return;
  let provider = pickedProvider.value;
  if (provider === null) {
    provider = (await vscode.window.showInputBox({ title: title(2, 'API provider id'), validateInput: (v) => (v.trim() ? null : 'a provider id') }))?.trim() ?? null;
    if (!provider) return;
  }

  const gpus: Pick<string>[] = cat.gpus.map((g) => {
    const offer = gpuOffer(cat, g.id);
    return { label: g.name, description: offer ? `${formatUsd(offer.usdPerGpuHour)}/GPU-h${offer.status === 'estimated' ? ' [E]' : ''}` : 'no price: set agentcost.gpuPrices', value: g.id };
  });
  const gpu = (await vscode.window.showQuickPick(gpus, { title: title(3, 'GPU') }))?.value;
  if (!gpu) return;

  const utilization = await askUtilization(base?.utilization ?? c.utilization, title(4, 'utilization'));
  if (utilization === undefined) return;

  const kText = await vscode.window.showInputBox({
    title: title(5, 'k'),
    prompt: 'Largest number of model calls per user task to plot (1–500)',
    value: String(base?.kMax ?? Math.max(30, c.k)),
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 500 ? null : 'a whole number from 1 to 500'),
  });
  if (kText === undefined) return;
  const controls: Partial<PanelControls> = { model, provider, gpu, utilization, kMax: Number(kText.trim()) };
  // the open panel keeps its subject (its traces are not read again); else a hand-made scenario
  if (ctx.panels.model) await ctx.panels.setControls(controls);
  else await ctx.panels.open({ kind: 'scenario' }, { controls });
}
