/** Show Assumptions and Sources (a Markdown document) and Count Tokens in Selection. */
import * as vscode from 'vscode';
import { assumptionsMarkdown } from '../../core/panel/report';
import type { CommandContext } from './context';
import { currentSnapshot } from './open';

export async function showAssumptions(ctx: CommandContext): Promise<void> {
  const snapshot = await currentSnapshot(ctx);
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: assumptionsMarkdown(snapshot) });
  await vscode.window.showTextDocument(doc, { preview: true });
}

export async function countSelectionTokens(ctx: CommandContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const selections = editor?.selections.filter((s) => !s.isEmpty) ?? [];
  if (!editor || selections.length === 0) {
    void vscode.window.showInformationMessage('AgentCost: select some text first.');
    return;
  }
  let tokens = 0;
  let exact = true;
  let encoding = ctx.tokenizer.encoding as string;
  for (const s of selections) {
    const c = await ctx.tokenizer.count(editor.document.getText(s));
    tokens += c.tokens;
    exact &&= c.exact;
    encoding = c.encoding;
  }
  const where = selections.length === 1 ? 'the selection' : `${selections.length} selections`;
  void vscode.window.showInformationMessage(`AgentCost: ${tokens.toLocaleString('en-US')} tokens in ${where} (${encoding}, ${exact ? 'exact' : 'estimated'}).`);
}
