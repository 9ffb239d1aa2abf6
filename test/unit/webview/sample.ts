/** Small hand-made snapshots for the webview's view-model tests (shapes of src/shared/protocol.ts). */
import type { Figure1Row, Figure2Point, Figure3Row, Figure4View, PanelSnapshot, TaskRowView } from '../../../src/shared/protocol';

export const EVIL = '<img src=x onerror=alert(1)></script>';

export const task = (over: Partial<TaskRowView> = {}): TaskRowView => ({
  key: '0:t1',
  file: '/home/me/traces/session.jsonl',
  id: 't1',
  title: 'Fix the bug',
  calls: 3,
  subagentCalls: 0,
  initialInputTokens: 12000,
  meanOutputTokens: 150.5,
  meanNewInputTokens: 400,
  repeatedFraction: 0.9,
  observedCachedFraction: null,
  tokenSource: 'recorded',
  cost: { apiNoCache: 0.25, apiCached: 0.1, apiCachedObserved: null, selfHostReuse: 0.01, selfHostNoReuse: 0.03 },
  costRange: { selfHostReuse: [0.005, 0.02], selfHostNoReuse: null },
  ...over,
});

export const figure4 = (over: Partial<Figure4View> = {}): Figure4View => ({
  rows: [1, 2, 3, 4].map((k) => ({ k, apiNoCache: 0.05 * k * k, apiCached: 0.06 + 0.01 * k, selfHostReuse: 0.05 + 0.001 * k, selfHostNoReuse: 0.05 * k })),
  // the self-host band: throughput ×0.5–×2 (costs /2 to ×2)
  rowRanges: [1, 2, 3, 4].map((k) => ({ k, selfHostReuse: [(0.05 + 0.001 * k) / 2, (0.05 + 0.001 * k) * 2], selfHostNoReuse: [(0.05 * k) / 2, 0.05 * k * 2] })),
  crossoverK: { vsApiNoCache: 2, vsApiCached: null },
  crossoverKRange: { vsApiNoCache: [1, 4], vsApiCached: [3, null] },
  userK: 2.5,
  k: 3,
  kSource: 'traces',
  kLabel: 'the mean k of the 2 task(s) analyzed',
  params: { initialInput: 17205.5, perStepOutput: 177.3, newInputPerStep: 714, repeatedFraction: 0.96, appendOutputs: true },
  paramsSource: 'from your traces',
  ...over,
});

export const figure1: Figure1Row[] = [
  { model: 'm1', workload: 'short', apiPerM: 0.26, selfHostPerM: 0.4, selfHostPerMRange: [0.2, 0.8], cheaper: 'api' },
  { model: 'm1', workload: 'long', apiPerM: null, selfHostPerM: 0.2, selfHostPerMRange: null, cheaper: null },
];

export const figure2: Figure2Point[] = [
  { model: 'm1', utilization: 0.5, selfHostPerM: 1.2, selfHostPerMRange: [0.6, 2.4], apiPerM: 0.3 },
  { model: 'm1', utilization: 0.3, selfHostPerM: 2, selfHostPerMRange: [1, 4], apiPerM: 0.3 },
  { model: 'm2', utilization: 0.3, selfHostPerM: null, selfHostPerMRange: null, apiPerM: null },
  { model: 'm2', utilization: 0.5, selfHostPerM: null, selfHostPerMRange: null, apiPerM: null },
];

export const figure3: Figure3Row[] = [
  { model: 'm1', archetype: 'chat', breakEvenUtilization: 0.5, zone: 'green', breakEvenUtilizationRange: [0.4, 0.6], uncertainZone: false },
  { model: 'm1', archetype: 'coding', breakEvenUtilization: 0.9, zone: 'yellow', breakEvenUtilizationRange: [0.6, 1.2], uncertainZone: true },
  { model: 'm2', archetype: 'chat', breakEvenUtilization: 1.7, zone: 'red', breakEvenUtilizationRange: null, uncertainZone: null },
  { model: 'm2', archetype: 'coding', breakEvenUtilization: null, zone: null, breakEvenUtilizationRange: null, uncertainZone: null },
];

export const snapshot = (over: Partial<PanelSnapshot> = {}): PanelSnapshot => ({
  protocol: 1,
  title: 'AgentCost: session.jsonl',
  subject: { kind: 'trace', label: 'session.jsonl' },
  controls: { model: 'deepseek-v3.2', provider: 'auto', gpu: 'b200', utilization: 0.7, overhead: 0.15, kMax: 4, cache: true, appendOutputs: true },
  options: { models: [{ id: 'deepseek-v3.2', label: 'DeepSeek V3.2' }], providers: ['auto', 'deepinfra'], gpus: [{ id: 'b200', label: 'NVIDIA B200' }] },
  verdict: 'Self-hosting DeepSeek V3.2 on 8×NVIDIA B200 is cheapest at k = 3: $0.0100 per task.',
  workload: null,
  tasks: [task()],
  totals: 'input 10.0k (cache read 8.0k, cache write 1.0k), output 500, observed cost $0.0100 (recorded cache split)',
  selectedTask: '0:t1',
  timeline: {
    taskKey: '0:t1',
    calls: [
      { index: 1, repeated: 0, newInput: 12000, output: 100, subagent: false },
      { index: 2, repeated: 12100, newInput: null, output: 50, subagent: true },
      { index: 3, repeated: null, newInput: null, output: null, subagent: false },
    ],
  },
  figure1,
  figure2,
  figure3,
  zones: { greenMax: 0.7, yellowMax: 1 },
  figure4: figure4(),
  scenarios: [{ name: 'Current', apiNoCache: 0.2, apiCached: null, selfHostReuse: 0.01, selfHostNoReuse: 0.02, selfHostReuseRange: [0.005, 0.02], selfHostNoReuseRange: null, cheapest: 'self-host, reuse' }],
  ranking: null,
  hybrid: null,
  assumptions: [],
  dependsOnEstimates: false,
  problems: [],
  diagnostics: [],
  skipped: null,
  computeMs: 1,
  ...over,
});
