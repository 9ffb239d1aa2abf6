/**
 * Driving the VS Code workbench the way a person does: the command palette, quick open, the status
 * bar, hovers, notifications, views, and the panel's webview (two nested iframes: the host
 * `iframe.webview.ready` and its content `iframe#active-frame`).
 */
import { readFileSync } from 'node:fs';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { ANALYZE_WORKSPACE } from '../context';
import { settledRead } from './settle';
import { waitUntil } from './util';

export const EXTENSION_ID = 'agentcost.agentcost';

export async function openWorkbench(page: Page, url: string, folder: string): Promise<void> {
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
  // the extension host restarts too: until AgentCost's status item is back, its commands may be missing from the palette
  await statusItems(page).first().waitFor({ timeout: 60_000 });
}

/** What the test harness reports at each start of the extension host (test/integration/harness/extension.ts). */
export interface HostReady {
  /** A token new at each start of the extension host. */
  host: string;
  pid: number;
  at: string;
  found: boolean;
  active: boolean;
  /** How many `agentcost.*` commands are registered. */
  commands: number;
  /** `vscode.workspace.isTrusted` in that host. */
  trusted: boolean;
  error?: string;
}

export function readHostReady(file: string): HostReady | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as HostReady;
  } catch {
    return null; // not written yet
  }
}

/**
 * Reloads the browser page (a window reload) and waits for the signal that the new extension host
 * has AgentCost activated: the harness rewrites `readyFile` with a new host token once AgentCost's
 * activation is done and its commands are registered (it starts on startup finished, so the workbench
 * has restored by then). Throws if AgentCost did not activate.
 */
export async function reloadWorkbench(page: Page, readyFile: string): Promise<HostReady> {
  const before = readHostReady(readyFile)?.host;
  // an unsaved editor vetoes the reload behind a beforeunload dialog (which hangs it): a scenario
  // should have closed its own, so say which were left, then discard them
  const dirty = await page.locator('.tabs-container .tab.dirty').allInnerTexts().catch(() => [] as string[]);
  for (const label of dirty.map((t) => t.trim().split('\n')[0]!).filter(Boolean)) {
    const discarded = await revertAndCloseEditors(page, label, 30_000);
    console.log(`[e2e]   an unsaved editor was left open before a window reload: "${label}" ${discarded ? 'discarded' : 'could not be closed'}`);
  }
  await page.reload({ timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
  const ready = await waitUntil(
    'AgentCost activated in the reloaded extension host (the harness rewrites its ready file)',
    () => {
      const r = readHostReady(readyFile);
      return r && r.host !== before ? r : null;
    },
    180_000,
  );
  if (!ready.active || ready.commands === 0) throw new Error(`AgentCost did not activate after the reload: ${JSON.stringify(ready)}`);
  return ready;
}

const quickInput = (page: Page): Locator => page.locator('.quick-input-widget');

async function openQuickInput(page: Page): Promise<Locator> {
  await closeQuickInput(page);
  const input = quickInput(page).locator('input.input');
  // F1 opens the command palette ('>' mode; deleting '>' turns it into quick open). With the keyboard
  // focus inside a webview the key does not always reach the workbench: focus the window title first.
  const focusWorkbench = async (): Promise<void> => {
    // a click on the title text (under the title bar's drag region, so by coordinates) takes the focus out of the iframe
    const box = await page.locator('#workbench\\.parts\\.titlebar .window-title').boundingBox({ timeout: 2_000 }).catch(() => null);
    if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  };
  if (await page.evaluate(() => document.activeElement?.tagName === 'IFRAME')) await focusWorkbench();
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press('F1');
    if (await input.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)) return input;
    await focusWorkbench();
  }
  await input.waitFor({ state: 'visible', timeout: 5_000 });
  return input;
}

export async function closeQuickInput(page: Page): Promise<void> {
  if (await quickInput(page).isVisible()) {
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  }
}

/**
 * Opens the quick input and types into it. A webview that finishes loading can take the focus back
 * and close the widget between opening and typing (seen in the real runs): then open it again.
 */
async function typeInQuickInput(page: Page, text: string): Promise<Locator> {
  for (let attempt = 1; ; attempt++) {
    const input = await openQuickInput(page);
    try {
      await input.fill(text, { timeout: 5_000 });
      return input;
    } catch (e) {
      if (attempt >= 3) throw e;
      console.log(`[e2e]   the quick input closed before "${text}" was typed (attempt ${attempt}); opening it again`);
    }
  }
}

/** How many palette rows a command title has right now (0: hidden by its `when` clause); the palette is closed again. */
export async function paletteCount(page: Page, title: string): Promise<number> {
  const text = `>${title}`;
  const input = await typeInQuickInput(page, text);
  const rows = quickInput(page).locator('.quick-input-list .monaco-list-row');
  // filtered: the input holds the text and the rows show highlighted matches (an unfiltered list has
  // none), or, when no command matches, VS Code's "similar commands" (not highlighted, under that
  // separator); the same rows on two reads a couple of frames apart
  const read = async () => ({
    value: await input.inputValue(),
    labels: await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('aria-label') ?? '', e.querySelector('.highlight') !== null, /similar commands/i.test(e.textContent ?? '')] as const)),
  });
  const filtered = (v: Awaited<ReturnType<typeof read>>): boolean => v.value === text && (v.labels.length === 0 || v.labels.some(([label, hit, similar]) => hit || similar || /^No matching/i.test(label)));
  const r = await settledRead(`the palette filtered for "${title}"`, page, read, filtered, 15_000);
  await closeQuickInput(page);
  return r.labels.filter(([label]) => label.startsWith(title)).length;
}

/** Runs a command from the palette by its visible title, e.g. "AgentCost: Analyze Current Trace File". */
export async function runCommand(page: Page, title: string, opts: { opensQuickInput?: boolean; timeoutMs?: number } = {}): Promise<void> {
  const input = await typeInQuickInput(page, `>${title}`);
  // the row whose label is the title (a keybinding may follow after a comma); resolved again at the
  // click, so a list still re-sorting as it filters cannot make us click a neighbour
  const q = JSON.stringify(title);
  const row = quickInput(page).locator(`.quick-input-list .monaco-list-row[aria-label=${q}], .quick-input-list .monaco-list-row[aria-label^=${JSON.stringify(`${title},`)}]`).first();
  try {
    await row.waitFor({ state: 'visible', timeout: opts.timeoutMs ?? 30_000 });
  } catch (e) {
    await closeQuickInput(page);
    throw e;
  }
  await row.click();
  if (opts.opensQuickInput) {
    // the command shows its own picker in the same widget: wait until the palette's text is gone
    await waitUntil(`the picker of "${title}"`, async () => (await input.isVisible()) && !(await input.inputValue()).startsWith('>'), 10_000);
  } else {
    await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }
}

/**
 * Answers the open quick input as a person does: waits for the step whose title contains `title`,
 * types `text` and presses Enter. In a pick list, Enter takes the focused row: wait until it is one
 * whose text contains `text`.
 */
export async function answerQuickInput(page: Page, title: string, text: string, kind: 'pick' | 'input'): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ timeout: 15_000 });
  const input = widget.locator('input.input');
  await input.fill(text);
  if (kind === 'pick') await widget.locator('.quick-input-list .monaco-list-row.focused', { hasText: text }).first().waitFor({ timeout: 10_000 });
  await input.press('Enter');
}

/** Accepts code-server's save dialog (a path box prefilled with the suggested file) with its Save button; returns the path. */
export async function acceptSaveDialog(page: Page, titlePart: string): Promise<string> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: titlePart }).waitFor({ timeout: 15_000 });
  const input = widget.locator('input.input');
  const path = await waitUntil('the suggested file name', async () => {
    const v = await input.inputValue();
    return /\.[a-z]+$/.test(v) ? v : '';
  }, 10_000);
  await widget.getByRole('button', { name: /^(OK|Save)/ }).first().click({ timeout: 5_000 }); // the simple dialog's button says OK
  await widget.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  return path;
}


/**
 * Opens a workspace file through quick open, by its path relative to the folder, and waits for its editor tab.
 * `binary`: VS Code shows a binary file (a zip) as a placeholder first; press its "Open Anyway", as a person would.
 */
export async function openFile(page: Page, relPath: string, opts: { binary?: boolean; timeoutMs?: number } = {}): Promise<void> {
  const timeout = opts.timeoutMs ?? 15_000;
  await typeInQuickInput(page, relPath);
  const base = relPath.split('/').pop()!;
  const row = quickInput(page).locator('.quick-input-list .monaco-list-row', { hasText: base }).first();
  await row.waitFor({ state: 'visible', timeout });
  await row.click();
  // the active group's active tab (the panel may sit in a second group)
  await page.locator('.editor-group-container.active .tabs-container .tab.active', { hasText: base }).first().waitFor({ timeout });
  if (opts.binary) {
    const anyway = page.locator('.editor-group-container.active').getByRole('button', { name: 'Open Anyway' }).or(page.locator('.editor-group-container.active').getByText('Open Anyway', { exact: true }));
    await anyway.first().click({ timeout });
    // VS Code then asks which editor to reopen it with: the text editor
    const textEditor = quickInput(page).locator('.quick-input-list .monaco-list-row', { hasText: 'Text Editor' }).first();
    const view = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    await textEditor.or(view).first().waitFor({ timeout });
    if (await textEditor.isVisible()) await textEditor.click();
  }
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout });
}

/** The status bar entries contributed by the extension (their DOM id starts with the extension id). */
export function statusItems(page: Page): Locator {
  return page.locator(`#workbench\\.parts\\.statusbar .statusbar-item[id^="${EXTENSION_ID}"]`);
}

export async function statusText(page: Page): Promise<string> {
  const items = statusItems(page);
  const texts = await items.evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => (e.textContent ?? '').trim()));
  return texts.join(' | ');
}

export async function hoverWidget(page: Page, expect: RegExp, timeoutMs = 15_000): Promise<string> {
  const hover = page.locator('.monaco-hover').filter({ hasText: expect }).filter({ visible: true });
  await hover.first().waitFor({ timeout: timeoutMs });
  return (await hover.first().innerText()).replace(/\s+/g, ' ').trim();
}

export async function moveMouseAway(page: Page): Promise<void> {
  await page.mouse.move(5, 300);
  await page.keyboard.press('Escape');
}



/** The editor tabs whose label contains `label`, in every group. */
export function editorTabs(page: Page, label: string): Locator {
  return page.locator('.tabs-container .tab', { hasText: label });
}

/** How many editor tabs have unsaved changes (a dirty editor vetoes a window reload behind a beforeunload dialog). */
export function dirtyTabCount(page: Page): Promise<number> {
  return page.locator('.tabs-container .tab.dirty').count();
}

/**
 * Closes every editor tab whose label contains `label`, discarding its changes, as a person does: click
 * the tab, then "View: Revert and Close Editor". Each round waits for the tab count to drop (a signal,
 * not a delay); a palette command can land on another editor while the workbench is busy, so it tries
 * again until `timeoutMs`. Returns whether no such tab is left.
 */
export async function revertAndCloseEditors(page: Page, label: string, timeoutMs = 90_000): Promise<boolean> {
  const tabs = editorTabs(page, label);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const n = await tabs.count();
    if (n === 0) return true;
    await tabs.first().click({ timeout: 10_000 }).catch(() => undefined);
    await runCommand(page, 'View: Revert and Close Editor', { timeoutMs: 30_000 }).catch(() => undefined);
    await waitUntil(`fewer "${label}" tabs`, async () => ((await tabs.count()) < n ? true : null), 15_000).catch(() => undefined);
  }
  return (await tabs.count()) === 0;
}

/** The visible webview's content frame (the panel). */
export async function visibleWebview(page: Page, timeoutMs = 30_000): Promise<FrameLocator> {
  const hosts = page.locator('iframe.webview.ready');
  const i = await waitUntil(
    'a visible webview',
    async () => {
      const n = await hosts.count();
      for (let k = n - 1; k >= 0; k--) if (await hosts.nth(k).isVisible()) return k + 1;
      return 0;
    },
    timeoutMs,
  );
  return hosts.nth(i - 1).contentFrame().frameLocator('iframe#active-frame');
}

/** Notification toasts currently shown (progress, errors, information). */
export function toasts(page: Page): Locator {
  return page.locator('.notifications-toasts .notification-toast');
}


/** The view pane with this title (e.g. "Agent Traces"), wherever its container is. */
export function viewPane(page: Page, title: string): Locator {
  return page.locator('.pane', { has: page.locator('.pane-header h3.title', { hasText: title }) });
}

/** Collapses the other panes of the view's container, so the view gets the height (lists only render visible rows). */
export async function collapseSiblingPanes(page: Page, title: string): Promise<void> {
  const headers = page.locator('#workbench\\.parts\\.sidebar .pane-header[aria-expanded="true"]');
  const n = await headers.count();
  for (let i = n - 1; i >= 0; i--) {
    const h = headers.nth(i);
    const t = (await h.locator('h3.title').textContent().catch(() => '')) ?? '';
    if (!t.includes(title)) await h.click().catch(() => undefined);
  }
}

/** The Agent Traces view's rows as text, with the view expanded and given the height. */
export async function agentTracesRows(page: Page): Promise<string[]> {
  const pane = viewPane(page, 'Agent Traces');
  const header = pane.locator('.pane-header').first();
  // the view lives in the Explorer: after a window reload the side bar may come back closed or on another view
  if (!(await header.isVisible())) await runCommand(page, 'View: Show Explorer');
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await collapseSiblingPanes(page, 'Agent Traces');
  await pane.locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
  // the tree renders its rows in batches: the same rows on two reads a couple of frames apart, no progress bar
  const read = async () => ({ rows: await pane.locator('.monaco-list-row').allInnerTexts(), busy: await pane.locator('.monaco-progress-container.active').count() });
  return (await settledRead('the Agent Traces rows', page, read, (v) => v.rows.length > 0 && v.busy === 0, 30_000)).rows;
}

/** Runs Analyze Workspace Traces and waits until its progress notification is gone. */
export async function analyzeWorkspace(page: Page): Promise<void> {
  const progress = toasts(page).filter({ has: page.locator('.monaco-progress-container.active, .monaco-progress-container.infinite, .monaco-progress-container.discrete') });
  await runCommand(page, ANALYZE_WORKSPACE);
  await progress.first().waitFor({ timeout: 15_000 }).catch(() => undefined);
  await progress.first().waitFor({ state: 'detached', timeout: 180_000 }).catch(() => undefined);
}

export function themeKind(page: Page): Promise<string> {
  return page.locator('.monaco-workbench').evaluate((el) =>
    el.classList.contains('hc-black') ? 'hc-dark' : el.classList.contains('hc-light') ? 'hc-light' : el.classList.contains('vs-dark') ? 'dark' : el.classList.contains('vs') ? 'light' : 'unknown',
  );
}

/** Switches the color theme the way a person does: Preferences: Color Theme, type the name, Enter. */
export async function pickColorTheme(page: Page, theme: string): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme', { opensQuickInput: true });
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input.input').fill(theme);
  // the row reads e.g. "Light Modern  Default Light Modern" (label, then the setting value)
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click({ timeout: 10_000 });
  await widget.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}

/**
 * The first notification message `pick` accepts, shown as a toast or already hidden, '' if none
 * within `timeoutMs`. A toast hides 15–20 s after it appears, which a busy machine can take to get
 * here; the Notifications center keeps every message, so it is read when no toast matches.
 */
export async function findNotification(page: Page, what: string, pick: (text: string) => boolean, timeoutMs = 30_000): Promise<string> {
  const find = async (selector: string) => (await page.locator(selector).allInnerTexts()).find(pick) ?? '';
  const toast = await waitUntil(what, () => find('.notifications-toasts .notification-list-item-message'), Math.min(timeoutMs, 10_000)).catch(() => '');
  if (toast) return toast;
  await runCommand(page, 'Notifications: Show Notifications').catch(() => undefined);
  try {
    // the center lists new messages as they come: keep reading it for the rest of the time
    return await waitUntil(`${what} (Notifications center)`, () => find('.notifications-center .notification-list-item-message'), timeoutMs).catch(() => '');
  } finally {
    await runCommand(page, 'Notifications: Hide Notifications').catch(() => page.keyboard.press('Escape'));
  }
}
