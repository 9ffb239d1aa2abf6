/**
 * Import vLLM Benchmark Result: the JSON `vllm bench serve --save-result` writes (one run, or one
 * per line with --append-result) becomes custom throughput baselines for a model on a GPU replica.
 * They are stored in the user setting agentcost.catalog.baselines (visible, editable, synced with
 * the other settings, and read by the catalog like any overlay), replacing earlier imports with the
 * same model, GPU, GPU count and workload. The message says whether the self-host cost of that
 * model on that GPU now comes from these runs.
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { Baseline, Catalog } from '../../core/catalog/schema';
import { findGpu, findModel } from '../../core/catalog/lookup';
import { resolveThroughput } from '../../core/engine/throughput';
import { baselineFromVllmBench, benchHints, benchWarnings, parseVllmBenchFile, type VllmBenchRun } from '../../core/vllm-bench';
import { settingKey } from '../../shared/config';
import { mergeBaselines, settingsOverlays } from '../model/catalog-overlays';
import type { CommandContext } from './context';

type Pick<T> = vscode.QuickPickItem & { value: T };

async function readRuns(uris: readonly vscode.Uri[]): Promise<{ run: VllmBenchRun; file: string }[]> {
  const out: { run: VllmBenchRun; file: string }[] = [];
  for (const uri of uris) {
    const file = basename(uri.path);
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    for (const run of parseVllmBenchFile(text, file)) out.push({ run, file });
  }
  return out;
}

async function pickModel(cat: Catalog, modelId: string): Promise<string | undefined> {
  const guess = findModel(cat, modelId) ?? findModel(cat, modelId.split('/').pop() ?? modelId);
  const items: Pick<string>[] = [
    ...cat.models.map((m) => ({ label: m.name, description: m.id === guess?.id ? `${m.id} (matches ${modelId})` : m.id, value: m.id })),
    { label: `"${modelId}" as its own model`, description: 'not in the catalog: its API price comes from the pricing snapshot, if it knows it', value: modelId },
  ];
  if (guess) items.sort((a, b) => Number(b.value === guess.id) - Number(a.value === guess.id));
  return (await vscode.window.showQuickPick(items, { title: `AgentCost: which model did the run measure? (model_id ${modelId})` }))?.value;
}

async function pickGpu(cat: Catalog, hint: string | undefined): Promise<string | undefined> {
  const guess = hint ? findGpu(cat, hint) : undefined;
  const items: Pick<string>[] = cat.gpus.map((g) => ({ label: g.name, description: g.id === guess?.id ? `${g.id} (from --metadata)` : g.id, value: g.id }));
  if (guess) items.sort((a, b) => Number(b.value === guess.id) - Number(a.value === guess.id));
  return (await vscode.window.showQuickPick(items, { title: 'AgentCost: on which GPU?' }))?.value;
}

export async function importVllmBenchmark(ctx: CommandContext): Promise<void> {
  const uris = await vscode.window.showOpenDialog({
    canSelectMany: true,
    filters: { 'vLLM benchmark result': ['json', 'jsonl'] },
    title: 'AgentCost: import the JSON of `vllm bench serve --save-result`',
    openLabel: 'Import',
  });
  if (!uris?.length) return;
  let runs: { run: VllmBenchRun; file: string }[];
  try {
    runs = await readRuns(uris);
  } catch (e) {
    void vscode.window.showErrorMessage(`AgentCost: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const first = runs[0]!.run;
  const cat = await ctx.catalog.get();
  const model = await pickModel(cat, first.model_id);
  if (!model) return;
  const hints = benchHints(first);
  const gpu = await pickGpu(cat, hints.gpu);
  if (!gpu) return;
  const countText = await vscode.window.showInputBox({
    title: 'AgentCost: GPUs per replica (tensor × pipeline parallel size)',
    value: String(hints.gpuCount ?? 1),
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 1024 ? null : 'a whole number ≥ 1'),
  });
  if (countText === undefined) return;
  const gpuCount = Number(countText.trim());

  let added: Baseline[];
  try {
    added = runs.map(({ run, file }) => baselineFromVllmBench(run, { model, gpu, gpuCount, fileName: file }));
  } catch (e) {
    void vscode.window.showErrorMessage(`AgentCost: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const merged = mergeBaselines(ctx.config.config.baselines, added);
  await ctx.config.update('baselines', merged);

  // Tell the user whether these runs now drive the self-host cost of this model on this GPU.
  const { buildCatalog } = await import('../../core/catalog/load');
  const next = buildCatalog(settingsOverlays({ ...ctx.config.config, baselines: merged }));
  const tp = resolveThroughput(next, model, gpu);
  const used = 'throughput' in tp && tp.throughput.measured.some((m) => added.some((b) => b.source === m.baseline.source && b.workload === m.baseline.workload));
  const fitNote = 'throughput' in tp && tp.throughput.fit === null ? ' With fewer than 2 runs of different shapes, only their measured shapes are priced from them; import more runs (e.g. short and long prompts) for the prefill/decode fit.' : '';
  const usage = used
    ? `The self-host cost of ${model} on ${gpu} now uses them.${fitNote}`
    : `AgentCost still prices ${model} on ${gpu} from ${'throughput' in tp && tp.throughput.scaledFrom ? `its ${tp.throughput.scaledFrom.gpu} runs scaled to ${gpu}` : 'other runs'} (runs on another GPU count or GPU are kept in the catalog but not fitted).`;
  const warnings = runs.flatMap(({ run, file }) => benchWarnings(run).map((w) => `${file}: ${w}`));
  for (const w of warnings) ctx.log.warn(`vLLM import: ${w}`);
  const choice = await vscode.window.showInformationMessage(
    `AgentCost: imported ${added.length} run(s) of ${first.model_id} as ${gpuCount}× ${gpu} baselines (${settingKey('baselines')}). ${usage}${warnings.length ? ` ${warnings.length} warning(s): see the AgentCost output.` : ''}`,
    'Open Cost Panel',
    'Show Setting',
  );
  if (choice === 'Open Cost Panel') {
    if (ctx.panels.model) await ctx.panels.setControls({ model, gpu });
    else await ctx.panels.open({ kind: 'scenario' }, { controls: { model, gpu } });
  }
  else if (choice === 'Show Setting') await vscode.commands.executeCommand('workbench.action.openSettingsJson', { revealSetting: { key: settingKey('baselines') } });
}
