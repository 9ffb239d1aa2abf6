/**
 * The cost panel: one WebviewPanel, reused (opening it on another file switches its subject).
 * - HTML from panel/html.ts with a fresh crypto nonce each time it is set; `localResourceRoots`
 *   = dist/webview and media only; no retainContextWhenHidden (the webview reloads and says
 *   `ready` again; the channel re-sends the latest snapshot).
 * - Every inbound message is parsed by the channel (zod) and a malformed one dropped.
 * - After a reload, the WebviewPanelSerializer hands the panel back: subject, controls and the
 *   selected task come from the workspace state saved on every render, merged with the webview's
 *   own saved state.
 */
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { PANEL_VIEW_TYPE } from '../../shared/commands';
import type { PanelControls, PanelSnapshot } from '../../shared/protocol';
import type { Config } from '../../shared/config';
import type { FileAnalysis } from '../../core/inference/analyze';
import { exportChart, exportSnapshot } from './export';
import { PANEL_STATE_VERSION, PanelState, restoredState, type PanelSubject } from '../model/panel-state';
import { HostChannel, type InboundMessage } from './channel';
import { createNonce, panelHtml } from './html';
import { PanelModel, type ModelOptions, type PanelDeps } from './model';

export const PANEL_STATE_KEY = 'agentcost.panelState';

/** Scripts on; command links and forms off; local files only from the webview bundle and media. */
function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

class PanelSession implements vscode.Disposable {
  private readonly channel: HostChannel;
  private readonly subs: vscode.Disposable[] = [];
  private model: PanelModel | null = null;
  /** True while the model reads its subject: `show` renders when it is done. */
  private loading = false;
  private last: PanelSnapshot | null = null;
  private renderGeneration = 0;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly deps: PanelDeps,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    onDispose: () => void,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    this.channel = new HostChannel({
      post: (m) => panel.webview.postMessage(m),
      onMessage: (m) => void this.handle(m),
      onReady: (hasSnapshot) => {
        if (!hasSnapshot && this.model && !this.loading) void this.render();
      },
      onDropped: (reason) => log.warn(reason),
    });
    this.subs.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.channel.receive(m)),
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.channel.reset();
      }),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
    try {
      this.setHtml();
    } catch (e) {
      this.dispose(); // listeners must not outlive a session that never started
      throw e;
    }
  }

  /** (Re)writes the HTML with a fresh nonce. */
  private setHtml(): void {
    const webview = this.panel.webview;
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const script = vscode.Uri.joinPath(root, 'main.js');
    if (script.scheme === 'file' && !existsSync(script.fsPath)) {
      void vscode.window.showErrorMessage('AgentCost: the cost panel\'s webview bundle (dist/webview/main.js) is missing: build it with `npm run build`.');
    }
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(script).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css')).toString(),
    });
  }

  get snapshot(): PanelSnapshot | null {
    return this.last;
  }

  get current(): PanelModel | null {
    return this.model;
  }

  async show(model: PanelModel): Promise<void> {
    this.model = model;
    this.last = null;
    this.panel.title = `AgentCost: ${model.label}`;
    this.loading = true;
    try {
      await model.load((message) => this.channel.send({ type: 'busy', message }));
    } catch (e) {
      if (this.model === model) this.channel.send({ type: 'error', message: `cannot open ${model.label}: ${e instanceof Error ? e.message : String(e)}` });
      return;
    } finally {
      if (this.model === model) this.loading = false;
    }
    if (this.model === model) await this.render();
  }

  async render(): Promise<void> {
    const model = this.model;
    if (!model) return;
    const gen = ++this.renderGeneration;
    try {
      const snapshot = await model.snapshot();
      if (gen !== this.renderGeneration) return; // a newer render superseded this one
      this.last = snapshot;
      this.channel.send({ type: 'snapshot', snapshot });
      if (snapshot.computeMs > 100) this.log.info(`panel snapshot took ${snapshot.computeMs.toFixed(0)} ms`);
      await this.persist(snapshot.controls);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`panel: ${message}`);
      this.channel.send({ type: 'error', message });
    }
  }

  private async persist(controls: PanelControls): Promise<void> {
    if (!this.model) return;
    const state = PanelState.safeParse({ version: PANEL_STATE_VERSION, subject: this.model.subject, controls, selectedTask: this.model.selectedTask });
    await this.state.update(PANEL_STATE_KEY, state.success ? state.data : undefined);
  }

  private async handle(m: InboundMessage): Promise<void> {
    const model = this.model;
    if (!model) return;
    switch (m.type) {
      case 'setControls':
        if (!model.setControls(m.controls)) {
          this.channel.send({ type: 'error', message: 'those control values are not valid' });
          return;
        }
        await this.render();
        return;
      case 'selectTask':
        model.selectedTask = m.taskKey;
        await this.render();
        return;
      case 'exportReport':
        if (this.last) await exportSnapshot(this.last, m.kind);
        return;
      case 'exportChart': {
        const problem = await exportChart(model.label, m.chart, m.kind, m.data);
        if (problem) this.channel.send({ type: 'error', message: problem });
        return;
      }
      default: {
        const never: never = m;
        return never;
      }
    }
  }

  dispose(): void {
    for (const d of this.subs.splice(0)) d.dispose();
  }
}

export class PanelManager implements vscode.Disposable {
  private session: PanelSession | null = null;
  private docTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: PanelDeps,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get snapshot(): PanelSnapshot | null {
    return this.session?.snapshot ?? null;
  }

  get model(): PanelModel | null {
    return this.session?.current ?? null;
  }

  private attach(panel: vscode.WebviewPanel): PanelSession {
    const session = new PanelSession(panel, this.context.extensionUri, this.deps, this.context.workspaceState, this.log, () => {
      if (this.session === session) this.session = null;
    });
    this.session?.panel.dispose(); // one panel: a second restored one replaces the first
    this.session = session;
    return session;
  }

  async open(subject: PanelSubject, opts: ModelOptions = {}): Promise<void> {
    let session = this.session;
    if (session) session.panel.reveal(undefined, false);
    else {
      const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'AgentCost', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, { ...webviewOptions(this.context.extensionUri), enableFindWidget: true });
      session = this.attach(panel);
    }
    // keep the user's panel controls when switching subject
    const previous = session.current?.controlOverrides ?? {};
    await session.show(new PanelModel(this.deps, subject, { ...opts, controls: { ...previous, ...(opts.controls ?? {}) } }));
  }

  async restore(panel: vscode.WebviewPanel, webviewState: unknown): Promise<void> {
    const state = restoredState(this.context.workspaceState.get(PANEL_STATE_KEY), webviewState);
    const session = this.attach(panel);
    await session.show(new PanelModel(this.deps, state.subject, { controls: state.controls, selectedTask: state.selectedTask }));
  }

  /** Control values from a command (Set Utilization, Compare Scenarios) for the open panel. */
  async setControls(partial: Partial<PanelControls>): Promise<void> {
    const s = this.session;
    if (s?.current && s.current.setControls(partial)) await s.render();
  }

  async onSettingsChanged(previous: Config, config: Config): Promise<void> {
    const s = this.session;
    if (!s?.current) return;
    const changed: Partial<PanelControls> = {};
    if (previous.utilization !== config.utilization) changed.utilization = config.utilization;
    if (previous.overhead !== config.overhead) changed.overhead = config.overhead;
    s.current.settingsChanged(changed);
    await s.render();
  }

  /** A prompt file shown in the panel was edited: count again after a pause. */
  onDocumentChanged(doc: vscode.TextDocument): void {
    const s = this.session;
    const subject = s?.current?.subject;
    if (!s || subject?.kind !== 'prompt' || subject.uri !== doc.uri.toString()) return;
    clearTimeout(this.docTimer);
    const model = s.current!;
    this.docTimer = setTimeout(() => void model.load().then(() => s.render()), 1000);
  }

  /** A followed agent session grew: the panel showing it shows its new analysis in place, without taking focus. */
  async showLiveTrace(file: FileAnalysis): Promise<void> {
    const s = this.session;
    const subject = s?.current?.subject;
    if (!s || subject?.kind !== 'trace' || subject.path !== file.path) return;
    await s.show(new PanelModel(this.deps, subject, { files: [file], controls: s.current!.controlOverrides }));
  }

  /** On deactivation: listeners only. The panel itself stays, so that a window reload restores it. */
  dispose(): void {
    clearTimeout(this.docTimer);
    this.session?.dispose();
    this.session = null;
  }
}
