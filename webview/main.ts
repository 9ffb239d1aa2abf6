/**
 * The cost panel's webview: renders the host's PanelSnapshot and posts the user's changes. It computes
 * no costs. Protocol: sends `ready` once, receives complete snapshots (`snapshot`), `busy` and `error`;
 * posts setControls / selectTask / exportReport / exportChart. UI state (selected task, open sections,
 * log scale, scroll) survives a reload through getState/setState.
 * Over 300 lines on purpose: this is the panel's one composition root (layout, message loop, redraw
 * timing); everything with logic of its own lives in webview/model (pure, tested) and webview/dom.
 */
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import type { ChartId, HostToWebview, PanelSnapshot, WebviewToHost } from '../src/shared/protocol';
import { allCharts, type AllCharts, type ChartModel } from './model/charts';
import { parseUiState, type UiState } from './model/state';
import { readHostMessage, WEBVIEW_PROTOCOL } from './model/messages';
import { assumptionsTable, chartDataTable, diagnosticsSummary, diagnosticText, paramsText, scenariosTable, subjectText, TASK_ROW_LIMIT, tasksTable, visibleTasks, workloadTable } from './model/view';
import { formatK } from './format';
import { drawChart, readTheme, type ChartHandle } from './dom/charts';
import { createControls } from './dom/controls';
import { byId, h } from './dom/h';
import { renderTable } from './dom/tables';
import { rankingSections, renderRanking } from './dom/ranking';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: UiState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let ui: UiState = parseUiState(vscode.getState());
const saveUi = (change: Partial<UiState>) => {
  ui = { ...ui, ...change };
  vscode.setState(ui);
};
const post = (m: WebviewToHost) => vscode.postMessage(m);

// ---------------------------------------------------------------- skeleton (built once)

const CHARTS: { id: ChartId; heading: string }[] = [
  { id: 'timeline', heading: 'Per-call timeline' },
  { id: 'figure4', heading: 'Figure 4: cost per task vs k' },
  { id: 'figure2', heading: 'Figure 2: $ per 1M tokens vs utilization' },
  { id: 'figure3', heading: 'Figure 3: break-even utilization' },
  { id: 'figure1', heading: 'Figure 1: API vs self-host by workload' },
];

const controls = createControls(post);

function collapsible(id: string, summary: string, defaultOpen: boolean, ...body: HTMLElement[]): HTMLDetailsElement {
  const d = h('details', { id, open: ui.open[id] ?? defaultOpen }, h('summary', {}, summary), ...body);
  d.addEventListener('toggle', () => saveUi({ open: { ...ui.open, [id]: d.open } }));
  return d;
}

function chartSection(id: ChartId, heading: string): HTMLElement {
  const exportButton = h('button', { type: 'button', id: `export-${id}-png`, class: 'secondary', 'data-export-chart': id, title: 'Save this chart as a PNG image' }, 'Export PNG');
  exportButton.addEventListener('click', () => exportChart(id));
  const tools = h('div', { class: 'toolbar' }, exportButton);
  if (id === 'figure4') {
    const log = h('input', { type: 'checkbox', id: 'figure4-log', checked: ui.logScale });
    log.addEventListener('change', () => {
      saveUi({ logScale: log.checked });
      if (current) drawOne('figure4', current.charts.figure4);
    });
    tools.prepend(h('span', { class: 'check' }, log, h('label', { for: 'figure4-log' }, 'log scale')));
  }
  return h(
    'section',
    { class: 'chart-section', id: `${id}-section`, 'aria-labelledby': `${id}-heading` },
    h('div', { class: 'section-head' }, h('h2', { id: `${id}-heading` }, heading), tools),
    h('p', { class: 'chart-sub', id: `${id}-sub` }),
    h('div', { id: `${id}-chart`, class: 'chart', 'data-chart': id }),
    h('ul', { class: 'notes', id: `${id}-notes` }),
    valuesDetails(id),
  );
}

/** The chart's values as a table, built only while open (a long timeline is hundreds of rows). */
function valuesDetails(id: ChartId): HTMLDetailsElement {
  const d = collapsible(`${id}-data`, 'Values', false, h('div', { class: 'table-wrap', id: `${id}-table` }));
  d.addEventListener('toggle', () => fillValues(id));
  return d;
}

function fillValues(id: ChartId) {
  const open = byId<HTMLDetailsElement>(`${id}-data`).open;
  const model = current?.charts[id];
  byId(`${id}-table`).replaceChildren(...(open && model ? [renderTable(chartDataTable(model), { caption: model.title })] : []));
}

const status = h('div', { id: 'status', role: 'status', 'aria-live': 'polite', class: 'status', hidden: true });
const errorBox = h('div', { id: 'error', role: 'alert', class: 'error', hidden: true });
// shown for a folder scan that skipped files
const skippedBox = collapsible('skipped', 'Skipped', false, h('ul', { id: 'skipped-list', class: 'diagnostics' }));
skippedBox.hidden = true;
const exportMarkdown = h('button', { type: 'button', id: 'export-markdown' }, 'Export Markdown report');
const exportCsv = h('button', { type: 'button', id: 'export-csv', class: 'secondary' }, 'Export CSV');
exportMarkdown.addEventListener('click', () => post({ type: 'exportReport', kind: 'markdown' }));
exportCsv.addEventListener('click', () => post({ type: 'exportReport', kind: 'csv' }));

const app = h(
  'main',
  { id: 'app', class: 'waiting' },
  h(
    'header',
    { id: 'header' },
    h('div', { class: 'title-row' }, h('h1', { id: 'title' }, 'AgentCost'), h('span', { id: 'estimates-badge', class: 'badge', hidden: true, title: 'At least one number below depends on an estimated assumption: see Assumptions.' }, 'depends on estimated values')),
    h('p', { id: 'subject', class: 'subject' }, 'Waiting for the extension…'),
    h('p', { id: 'verdict', class: 'verdict', hidden: true }),
    status,
    errorBox,
    h('ul', { id: 'problems', class: 'problems', hidden: true }),
    collapsible('diagnostics', 'Diagnostics: none', false, h('ul', { id: 'diagnostics-list', class: 'diagnostics' })),
    skippedBox,
    h('div', { class: 'toolbar exports' }, exportMarkdown, exportCsv, h('span', { id: 'compute-ms', class: 'muted' })),
  ),
  controls.element,
  h('section', { id: 'workload-section', 'aria-labelledby': 'workload-heading' }, h('h2', { id: 'workload-heading' }, 'Inferred workload'), h('div', { id: 'workload' })),
  h('section', { id: 'tasks-section', 'aria-labelledby': 'tasks-heading' }, h('h2', { id: 'tasks-heading' }, 'Tasks'), h('div', { id: 'tasks', class: 'table-wrap tall' }), h('p', { id: 'tasks-totals', class: 'totals', hidden: true })),
  ...CHARTS.map((c) => chartSection(c.id, c.heading)),
  h('section', { id: 'scenarios-section', 'aria-labelledby': 'scenarios-heading' }, h('h2', { id: 'scenarios-heading' }, 'Scenario comparison'), h('p', { id: 'scenarios-sub', class: 'chart-sub' }), h('div', { id: 'scenarios', class: 'table-wrap' })),
  ...rankingSections(),
  h('section', { id: 'assumptions-section', 'aria-labelledby': 'assumptions-heading' }, h('h2', { id: 'assumptions-heading' }, 'Assumptions and sources'), h('div', { id: 'assumptions', class: 'table-wrap' })),
);
// The host's HTML holds an empty #app placeholder: the panel takes its place (or the end of body).
const placeholder = document.getElementById('app');
if (placeholder) placeholder.replaceWith(app);
else document.body.append(app);

// ---------------------------------------------------------------- rendering

let current: { snapshot: PanelSnapshot; charts: AllCharts } | null = null;
const handles = new Map<ChartId, ChartHandle>();
let firstSnapshot = true;

/** Read before the DOM is written, so that reading it does not force a layout of the new tables. */
function chartWidth(id: ChartId): number {
  return Math.floor(byId(`${id}-chart`).clientWidth || app.clientWidth || 720);
}

function drawOne(id: ChartId, model: ChartModel, theme = readTheme(), width = chartWidth(id)) {
  handles.get(id)?.destroy();
  handles.delete(id);
  const el = byId(`${id}-chart`);
  el.replaceChildren();
  el.dataset.empty = String(model.empty !== null);
  if (model.empty) {
    el.append(h('p', { class: 'empty' }, model.empty));
    return;
  }
  handles.set(id, drawChart(el, model, theme, { width, logScale: id === 'figure4' && ui.logScale }));
}

function renderChartSection(id: ChartId, model: ChartModel, theme: ReturnType<typeof readTheme>, width: number) {
  drawOne(id, model, theme, width);
  const notes = byId(`${id}-notes`);
  notes.replaceChildren(...model.notes.map((n) => h('li', {}, n)));
  if (model.bands.length) notes.append(...model.bands.map((b) => h('li', { class: `zone zone-${b.color}` }, b.label)));
  fillValues(id);
}

function render(s: PanelSnapshot) {
  const widths = new Map(CHARTS.map((c) => [c.id, chartWidth(c.id)]));
  const charts = allCharts(s);
  current = { snapshot: s, charts };
  app.classList.remove('waiting', 'busy');
  app.removeAttribute('aria-busy');
  status.hidden = true;
  errorBox.hidden = true;

  byId('title').textContent = s.title;
  document.title = s.title;
  byId('subject').textContent = subjectText(s.subject);
  const verdict = byId('verdict');
  verdict.hidden = s.verdict === null;
  verdict.textContent = s.verdict ?? '';
  byId('estimates-badge').hidden = !s.dependsOnEstimates;
  byId('compute-ms').textContent = `computed in ${s.computeMs.toFixed(1)} ms`;
  const problems = byId('problems');
  problems.hidden = s.problems.length === 0;
  problems.replaceChildren(...s.problems.map((p) => h('li', {}, p)));
  const diag = byId<HTMLDetailsElement>('diagnostics');
  diag.querySelector('summary')!.textContent = diagnosticsSummary(s.diagnostics);
  byId('diagnostics-list').replaceChildren(...s.diagnostics.map((d) => h('li', { class: `sev-${d.severity}`, 'data-severity': d.severity }, diagnosticText(d))));
  // files a folder scan found and did not read, with why (the CLI's words)
  skippedBox.hidden = s.skipped === null;
  skippedBox.querySelector('summary')!.textContent = s.skipped?.summary ?? 'Skipped';
  byId('skipped-list').replaceChildren(...(s.skipped?.lines ?? []).map((line) => h('li', { class: 'sev-info', 'data-severity': 'info' }, line)));

  controls.update(s.controls, s.options);

  const w = byId('workload');
  const params = h('p', { class: 'chart-sub', id: 'projection-params' }, `Projection: ${paramsText(s.figure4.params, s.figure4.paramsSource)}`);
  if (s.workload) {
    w.replaceChildren(
      h('p', { class: 'chart-sub' }, `${s.workload.tasks} task${s.workload.tasks === 1 ? '' : 's'}; token counts from: ${s.workload.tokenSources.join(', ') || 'n/a'}`),
      h('div', { class: 'table-wrap' }, renderTable(workloadTable(s.workload), { caption: 'Distribution across tasks' })),
      params,
    );
  } else {
    w.replaceChildren(h('p', { class: 'empty' }, 'No traces analyzed: no workload to infer.'), params);
  }

  renderTasks(s);

  const theme = readTheme();
  for (const c of CHARTS) renderChartSection(c.id, charts[c.id], theme, widths.get(c.id)!);

  const k = s.figure4.userK;
  byId('figure4-sub').textContent = `k from 1 to ${s.controls.kMax}${k === null ? '' : `; your traces: mean k = ${formatK(k)}`}.`;
  byId('scenarios-sub').textContent = `Cost per task at k = ${s.figure4.k} (${s.figure4.kLabel}).`;
  byId('scenarios').replaceChildren(renderTable(scenariosTable(s.scenarios)));
  renderRanking(s);
  byId('assumptions').replaceChildren(renderTable(assumptionsTable(s.assumptions), { className: 'assumptions' }));

  if (firstSnapshot) {
    firstSnapshot = false;
    // The host's selection wins: it already merged this webview's saved state when it restored the
    // panel, and VS Code web persists setState late, so ours can be older than the host's.
    saveUi({ selectedTask: s.selectedTask });
    if (ui.scrollY > 0) window.scrollTo(0, ui.scrollY);
  }
}

function renderTasks(s: PanelSnapshot) {
  const totals = byId('tasks-totals');
  totals.hidden = s.totals === null;
  totals.textContent = s.totals === null ? '' : `Totals: ${s.totals}`;
  const tasks = byId('tasks');
  if (s.tasks.length === 0) {
    tasks.replaceChildren(h('p', { class: 'empty' }, 'No tasks.'));
    return;
  }
  const shown = visibleTasks(s.tasks, s.selectedTask, ui.showAllTasks ? null : TASK_ROW_LIMIT);
  const table = renderTable(tasksTable(shown.tasks, s.selectedTask), { onActivate: selectTask, className: 'tasks', caption: 'Cost per task; choose a row for its timeline' });
  const more = s.tasks.length > TASK_ROW_LIMIT;
  const toggle = more
    ? h('button', { type: 'button', id: 'tasks-show-all', class: 'secondary' }, ui.showAllTasks ? `Show the first ${TASK_ROW_LIMIT} tasks` : `Show all ${s.tasks.length} tasks (${shown.hidden} more)`)
    : null;
  toggle?.addEventListener('click', () => {
    saveUi({ showAllTasks: !ui.showAllTasks });
    if (current) renderTasks(current.snapshot);
  });
  tasks.replaceChildren(table, ...(toggle ? [toggle] : []));
}

function selectTask(key: string) {
  saveUi({ selectedTask: key });
  for (const tr of Array.from(byId('tasks').querySelectorAll('tbody tr'))) {
    const on = (tr as HTMLElement).dataset.key === key;
    tr.classList.toggle('selected', on);
    tr.setAttribute('aria-selected', String(on));
  }
  post({ type: 'selectTask', taskKey: key });
}

function exportChart(id: ChartId) {
  const handle = handles.get(id);
  if (!handle) {
    showError(`Nothing to export: the chart "${id}" is empty.`);
    return;
  }
  post({ type: 'exportChart', chart: id, kind: 'png', data: handle.toPng() });
}

function showError(message: string) {
  errorBox.textContent = message;
  errorBox.hidden = false;
  app.classList.remove('busy');
  app.removeAttribute('aria-busy');
  status.hidden = true;
}

function handle(message: HostToWebview) {
  switch (message.type) {
    case 'snapshot':
      render(message.snapshot);
      return;
    case 'busy':
      status.textContent = message.message;
      status.hidden = false;
      app.classList.add('busy');
      app.setAttribute('aria-busy', 'true');
      return;
    case 'error':
      showError(message.message);
      return;
    default: {
      const never: never = message;
      throw new Error(`unhandled message ${JSON.stringify(never)}`);
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const read = readHostMessage(event.data);
  if (read.ok) handle(read.message);
  else showError(`The panel received a message it cannot read (${read.reason}).`);
});

// ---------------------------------------------------------------- theme, size, scroll

let redrawTimer: ReturnType<typeof setTimeout> | undefined;
function redrawAll() {
  clearTimeout(redrawTimer);
  redrawTimer = setTimeout(() => {
    if (!current) return;
    const theme = readTheme();
    const widths = new Map(CHARTS.map((c) => [c.id, chartWidth(c.id)]));
    for (const c of CHARTS) drawOne(c.id, current.charts[c.id], theme, widths.get(c.id));
  }, 50);
}
// VS Code changes the body class and the root element's variables when the color theme changes.
new MutationObserver(redrawAll).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
new MutationObserver(redrawAll).observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });

// A new width redraws (axis label rotation depends on it); heights never change.
let lastWidth = app.clientWidth;
new ResizeObserver(() => {
  if (app.clientWidth === lastWidth) return;
  lastWidth = app.clientWidth;
  redrawAll();
}).observe(app);

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => saveUi({ scrollY: Math.round(window.scrollY) }), 200);
});

post({ type: 'ready', protocol: WEBVIEW_PROTOCOL });
