/**
 * Prompt files (agentcost.promptGlobs): their token count and cost, for the hover, the CodeLens,
 * the status bar and the panel. Counts are cached per document version, so hovering twice or a
 * CodeLens refresh does not tokenize again; a document over agentcost.maxFileSizeMB is not counted.
 */
import * as vscode from 'vscode';
import { encodingForModel } from '../core/tokenize';
import type { Catalog } from '../core/catalog/schema';
import type { ConfigStore } from './config';
import { matchesAnyGlob } from './model/glob';
import { modelName, promptCostsFromConfig, type PromptCosts } from './model/prompt-costs';
import type { CatalogStore } from './stores/catalog';
import type { Count, TokenizerStore } from './stores/tokenizer';
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
  private readonly counts = new Map<string, { version: number; generation: number; count: Promise<Count> }>();

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

  private tooLarge(doc: vscode.TextDocument): string | null {
    const limit = this.config.config.maxFileSizeMB;
    // UTF-16 length is a lower bound of the UTF-8 size: good enough to refuse huge documents early
    return doc.getText().length > limit * 1024 * 1024 ? `${doc.uri.path.split('/').pop()} is over the ${limit} MB limit (agentcost.maxFileSizeMB): not counted` : null;
  }

  /** The document's count, cached per version and settings generation. */
  count(doc: vscode.TextDocument): Promise<Count> {
    const key = doc.uri.toString();
    const generation = this.config.generation;
    const hit = this.counts.get(key);
    if (hit && hit.version === doc.version && hit.generation === generation) return hit.count;
    const large = this.tooLarge(doc);
    const count = large ? Promise.reject(new Error(large)) : this.tokenizer.count(doc.getText());
    this.counts.delete(key);
    this.counts.set(key, { version: doc.version, generation, count });
    if (this.counts.size > MAX_CACHED) this.counts.delete(this.counts.keys().next().value!);
    count.catch(() => undefined);
    return count;
  }

  private view(cat: Catalog, c: Count): TokenCountView {
    const model = this.config.config.defaultModel;
    return { tokens: c.tokens, exact: c.exact, encoding: c.encoding, modelName: modelName(cat, model), modelEncoding: encodingForModel(model) };
  }

  async summaryOfCount(c: Count): Promise<PromptSummary> {
    const cat = await this.catalog.get();
    return { count: this.view(cat, c), costs: promptCostsFromConfig(cat, this.config.config, c.tokens, this.traces.inferred) };
  }

  async summary(doc: vscode.TextDocument): Promise<PromptSummary> {
    return this.summaryOfCount(await this.count(doc));
  }

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.isPromptDocument(doc)) return undefined;
    let text: string;
    try {
      const s = await this.summary(doc);
      if (token.isCancellationRequested) return undefined;
      const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
      const sel = editor?.selections.find((x) => !x.isEmpty && x.contains(position));
      const selection = sel ? { ...s.count, ...(await this.tokenizer.count(doc.getText(sel))) } : null;
      text = promptHoverMarkdown({ file: s.count, selection, costs: s.costs, uri: doc.uri.toString() });
    } catch (e) {
      text = promptHoverError(e instanceof Error ? e.message : String(e));
    }
    const md = new vscode.MarkdownString(text);
    md.isTrusted = { enabledCommands: [CommandId.openPanel] };
    md.supportHtml = false;
    return new vscode.Hover(md);
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.isPromptDocument(doc)) return [];
    let title: string;
    try {
      const s = await this.summary(doc);
      title = promptCodeLensTitle(s.count, s.costs);
    } catch (e) {
      title = `AgentCost: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (token.isCancellationRequested) return [];
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command: CommandId.openPanel, arguments: [doc.uri], tooltip: 'Open the AgentCost panel for this prompt' })];
  }
}
