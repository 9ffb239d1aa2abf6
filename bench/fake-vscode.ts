/**
 * A minimal stand-in for the `vscode` module, for the activation benchmark only (never for tests:
 * the unit tests keep everything testable free of vscode instead). It records registrations and
 * returns disposables: enough for activate(), and for the services to load after it.
 */
export interface FakeVscode {
  module: Record<string, unknown>;
  registered: string[];
  logged: string[];
  /** Fires the window's "active editor changed" listeners (what loads the services). */
  changeEditor(): void;
}

export function fakeVscode(): FakeVscode {
  const registered: string[] = [];
  const logged: string[] = [];
  const editorListeners: (() => void)[] = [];
  const disposable = (what: string) => {
    registered.push(what);
    return { dispose() {} };
  };
  class EventEmitter<T> {
    private listeners: ((e: T) => void)[] = [];
    event = (l: (e: T) => void) => {
      this.listeners.push(l);
      return { dispose() {} };
    };
    fire(e: T) {
      for (const l of this.listeners) l(e);
    }
    dispose() {}
  }
  class TreeItem {
    constructor(public label: string) {}
  }
  class MarkdownString {
    supportHtml = false;
    isTrusted: unknown = false;
    constructor(public value: string) {}
  }
  const noEvent = () => ({ dispose() {} });
  const log = {
    info: (m: string) => logged.push(`info ${m}`),
    warn: (m: string) => logged.push(`warn ${m}`),
    error: (m: string) => logged.push(`error ${m}`),
    show() {},
    dispose() {},
  };
  const module = {
    EventEmitter,
    TreeItem,
    MarkdownString,
    StatusBarAlignment: { Left: 1, Right: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    window: {
      activeTextEditor: undefined,
      visibleTextEditors: [],
      createOutputChannel: () => log,
      createStatusBarItem: (id: string) => ({ id, name: '', text: '', tooltip: '', command: undefined, show() {}, hide() {}, dispose() {} }),
      createTreeView: (id: string) => ({ ...disposable(`view:${id}`), message: undefined }),
      registerWebviewPanelSerializer: (t: string) => disposable(`serializer:${t}`),
      onDidChangeActiveTextEditor: (l: () => void) => {
        editorListeners.push(l);
        return { dispose() {} };
      },
      showErrorMessage: async (m: string) => {
        logged.push(`error-notification ${m}`);
        return undefined;
      },
      showWarningMessage: async (m: string) => {
        logged.push(`warning-notification ${m}`);
        return undefined;
      },
    },
    commands: { registerCommand: (id: string) => disposable(`command:${id}`), executeCommand: async () => undefined },
    languages: { registerHoverProvider: () => disposable('hover'), registerCodeLensProvider: () => disposable('codelens') },
    workspace: {
      isTrusted: true,
      workspaceFolders: undefined,
      getConfiguration: () => ({ get: () => undefined, inspect: () => undefined, update: async () => undefined }),
      onDidChangeTextDocument: noEvent,
      onDidSaveTextDocument: noEvent,
      onDidChangeConfiguration: noEvent,
      onDidGrantWorkspaceTrust: noEvent,
      onDidChangeWorkspaceFolders: noEvent,
    },
  };
  return { module, registered, logged, changeEditor: () => editorListeners.forEach((l) => l()) };
}
