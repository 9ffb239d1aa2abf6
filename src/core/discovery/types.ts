/** The agents whose own session stores discovery knows. */
export const AGENT_IDS = ['claude-code', 'codex', 'gemini-cli', 'qwen-code', 'opencode', 'cline', 'roo-code', 'kilo-code', 'copilot-chat'] as const;
export type AgentId = (typeof AGENT_IDS)[number];

export const AGENT_LABELS: Readonly<Record<AgentId, string>> = {
  'claude-code': 'Claude Code',
  codex: 'Codex',
  'gemini-cli': 'Gemini CLI',
  'qwen-code': 'Qwen Code',
  opencode: 'OpenCode',
  cline: 'Cline',
  'roo-code': 'Roo Code',
  'kilo-code': 'Kilo Code',
  'copilot-chat': 'Copilot Chat',
};

/** One session file found for a workspace. Unknown fields are null, never guessed. */
export interface DiscoveredSession {
  agent: AgentId;
  /** The file a reader opens for this session (for Cline-like agents, the task's ui_messages.json). */
  path: string;
  sessionId: string | null;
  /** ISO 8601, as the agent recorded it (or derived from an id that is a timestamp). */
  started: string | null;
  title: string | null;
  /** A subagent's own file (Claude Code `subagents/agent-*.jsonl`, Gemini CLI `kind: subagent`). */
  subagent: boolean;
  /** Where the workspace came from: the recorded cwd, or the storage folder's own record. */
  cwd: string | null;
}

/** Where each agent keeps its sessions. Every entry can be overridden (the extension maps settings onto it). */
export interface DiscoveryLocations {
  /** Claude Code config folders (each holds `projects/`). */
  claudeConfigDirs: string[];
  /** Codex home (holds `sessions/` and `archived_sessions/`). */
  codexHome: string;
  /** Gemini CLI's `.gemini` folder (holds `tmp/` and `projects.json`). */
  geminiDir: string;
  /** Qwen Code's `.qwen` folder (holds `projects/`). */
  qwenDir: string;
  /** OpenCode's data folder (holds `storage/`). */
  openCodeDataDir: string;
  /** VS Code-family `User` folders (hold `globalStorage/` and `workspaceStorage/`). */
  vscodeUserDirs: string[];
  /** Cline's own data folders outside VS Code (CLI, JetBrains): same `tasks/` + `state/` layout. */
  clineDataDirs: string[];
}

/** What the defaults depend on: passed in, so tests use a fake home and the core reads no globals. */
export interface DiscoveryEnvironment {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
}

export interface DiscoveryOptions {
  environment: DiscoveryEnvironment;
  /** Replaces the default location(s) of the agents named; an empty list means "do not look". */
  overrides?: Partial<DiscoveryLocations>;
  /** Agents to look for (default: all). */
  agents?: readonly AgentId[];
}

export interface DiscoveryResult {
  sessions: DiscoveredSession[];
  /** What was seen but not read, in plain words (e.g. a SQLite store, a task with no recorded workspace). */
  notes: string[];
}
