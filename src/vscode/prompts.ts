/**
 * Prompt files (agentcost.promptGlobs): their token count and cost, for the hover, the CodeLens,
 * the status bar and the panel. Counts are cached per document version, so hovering twice or a
 * CodeLens refresh does not tokenize again; a document over agentcost.maxFileSizeMB is not counted.
 */
import * as vscode from 'vscode';
import { encodingForModel } from '../core/tokenize';
import type { Catalog } from '../core/catalog/schema';
import type { ConfigStore } from './config';
import { countPlan, countStoppedMessage, SharedWaiters, unlessCancelled, type Cancellation } from './model/count-plan';
import { matchesAnyGlob } from './model/glob';
import { modelName, promptCostsFromConfig, type PromptCosts } from './model/prompt-costs';
import type { CatalogStore } from './stores/catalog';
import type { Count, TokenizerStore } from './stores/tokenizer';
import { JobStopped } from './stores/worker-run';
import type { TraceStore } from './stores/traces';
import { promptCodeLensTitle, promptHoverError, promptHoverMarkdown } from './text/hover';
import type { TokenCountView } from './text/tokens';
import { CommandId } from '../shared/commands';

export interface PromptSummary {
  count: TokenCountView;
  costs: PromptCosts;
}

const MAX_CACHED = 20;

export class PromptService {
  private readonly counts = new Map<string, { version: number; generation: number; count: Promise<Count>; waiters: SharedWaiters }>();

  constructor(
    private readonly config: ConfigStore,
    private readonly catalog: CatalogStore,
    private readonly tokenizer: TokenizerStore,
    private readonly traces: TraceStore,
  ) {}

  isPromptUri(uri: vscode.Uri): boolean {
    if (uri.scheme === 'untitled' || uri.scheme === 'output' || uri.scheme === 'git') return false;
    return matchesAnyGlob(uri.scheme === 'file' ? uri.fsPath : uri.path, this.config.config.promptGlobs);
  }

  isPromptDocument(doc: vscode.TextDocument): boolean {
    return this.isPromptUri(doc.uri);
  }

  /**
   * The document's count, cached per version and settings generation. A long text is counted in a
   * worker thread (countPlan), stopped when every caller that passed a token has cancelled; the
   * length is read without copying the text, so a document over the limit is refused at no cost.
   */
  count(doc: vscode.TextDocument, token?: Cancellation): Promise<Count> {
    const key = doc.uri.toString();
    const generation = this.config.generation;
    const hit = this.counts.get(key);
    if (hit && hit.version === doc.version && hit.generation === generation) {
      hit.waiters.join(token);
      return hit.count;
    }
    const name = doc.uri.path.split('/').pop() ?? doc.uri.path;
    const chars = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    const plan = countPlan({ name, chars, maxFileSizeMB: this.config.config.maxFileSizeMB });
    const abort = new AbortController();
    const waiters = new SharedWaiters(() => abort.abort());
    const count =
      plan.run === 'refused'
        ? Promise.reject(new Error(plan.message))
        : this.tokenizer.count(doc.getText(), plan.run === 'worker' ? { signal: abort.signal, budgetMs: plan.budgetMs } : {}).catch((e: unknown) => {
            // a stopped count is not cached: the next hover starts it again
            if (this.counts.get(key)?.waiters === waiters) this.counts.delete(key);
            throw e instanceof JobStopped ? new Error(countStoppedMessage(name, e.message)) : e;
          });
    const entry = { version: doc.version, generation, count, waiters };
    void entry.count.then(() => entry.waiters.settle(), () => entry.waiters.settle());
    entry.waiters.join(token);
    this.counts.delete(key);
    this.counts.set(key, entry);
    if (this.counts.size > MAX_CACHED) this.counts.delete(this.counts.keys().next().value!);
    return entry.count;
  }

  private view(cat: Catalog, c: Count): TokenCountView {
    const model = this.config.config.defaultModel;
    return { tokens: c.tokens, exact: c.exact, encoding: c.encoding, modelName: modelName(cat, model), modelEncoding: encodingForModel(model) };
  }

  async summaryOfCount(c: Count): Promise<PromptSummary> {
    const cat = await this.catalog.get();
    return { count: this.view(cat, c), costs: promptCostsFromConfig(cat, this.config.config, c.tokens, this.traces.inferred) };
  }

  async summary(doc: vscode.TextDocument, token?: Cancellation): Promise<PromptSummary> {
    return this.summaryOfCount(await this.count(doc, token));
  }

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.isPromptDocument(doc)) return undefined;
    let text: string;
    try {
      // a dismissed hover returns at once; its count stops unless another caller still waits for it
      const s = await unlessCancelled(this.summary(doc, token), token);
      if (!s || token.isCancellationRequested) return undefined;
      const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
      const sel = editor?.selections.find((x) => !x.isEmpty && x.contains(position));
      const selection = sel ? await this.selectionCount(doc, sel, s.count, token) : null;
      if (token.isCancellationRequested) return undefined;
      text = promptHoverMarkdown({ file: s.count, selection, costs: s.costs, uri: doc.uri.toString() });
    } catch (e) {
      text = promptHoverError(e instanceof Error ? e.message : String(e));
    }
    const md = new vscode.MarkdownString(text);
    md.isTrusted = { enabledCommands: [CommandId.openPanel] };
    md.supportHtml = false;
    return new vscode.Hover(md);
  }

  /** The selection's count, under the same plan as a file's (a huge selection goes to a worker or is refused). */
  private async selectionCount(doc: vscode.TextDocument, sel: vscode.Selection, file: TokenCountView, token: vscode.CancellationToken): Promise<TokenCountView | null> {
    const chars = doc.offsetAt(sel.end) - doc.offsetAt(sel.start);
    const plan = countPlan({ name: 'the selection', chars, maxFileSizeMB: this.config.config.maxFileSizeMB });
    if (plan.run === 'refused') throw new Error(plan.message);
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const c = await this.tokenizer.count(doc.getText(sel), plan.run === 'worker' ? { signal: abort.signal, budgetMs: plan.budgetMs } : {});
      return { ...file, ...c };
    } catch (e) {
      if (token.isCancellationRequested) return null;
      throw e instanceof JobStopped ? new Error(countStoppedMessage('the selection', e.message)) : e;
    } finally {
      sub.dispose();
    }
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.isPromptDocument(doc)) return [];
    let title: string;
    try {
      const s = await unlessCancelled(this.summary(doc, token), token);
      if (!s) return [];
      title = promptCodeLensTitle(s.count, s.costs);
    } catch (e) {
      title = `AgentCost: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (token.isCancellationRequested) return [];
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command: CommandId.openPanel, arguments: [doc.uri], tooltip: 'Open the AgentCost panel for this prompt' })];
  }
}
