/** What every command implementation may use (the services, built once they load). */
import type * as vscode from 'vscode';
import type { ConfigStore } from '../config';
import type { PanelManager } from '../panel/manager';
import type { PromptService } from '../prompts';
import type { CatalogStore } from '../stores/catalog';
import type { TokenizerStore } from '../stores/tokenizer';
import type { TraceStore } from '../stores/traces';

export interface CommandContext {
  config: ConfigStore;
  catalog: CatalogStore;
  tokenizer: TokenizerStore;
  traces: TraceStore;
  prompts: PromptService;
  panels: PanelManager;
  log: vscode.LogOutputChannel;
}
