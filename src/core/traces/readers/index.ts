import type { TraceReader } from '../reader';
import { readers as claudeCode } from './claude-code';
import { readers as codexCli } from './codex-cli';
import { readers as tau2 } from './tau2-bench';
import { readers as miniSweAgent } from './mini-swe-agent';
import { readers as sweAgent } from './swe-agent';
import { readers as openhands } from './openhands';
import { readers as inspectAi } from './inspect-ai';
import { readers as aider } from './aider';
import { readers as otelGenai } from './otel-genai';
import { readers as apiLogs } from './api-logs';
import { readers as cline } from './cline';
import { readers as opencode } from './opencode';
import { readers as opencodeDb } from './opencode-sqlite';
import { readers as copilotChat } from './copilot-chat';
import { readers as geminiCli } from './gemini-cli';
import { readers as qwenCode } from './qwen-code';
/** Every trace format AgentCost reads (their results then pass `applyTraceRules`, traces/read-trace.ts); detection picks the most confident (see inference/analyze.ts). */
export const readers: readonly TraceReader[] = [...claudeCode, ...codexCli, ...tau2, ...miniSweAgent, ...sweAgent, ...openhands, ...inspectAi, ...aider, ...otelGenai, ...apiLogs, ...cline, ...opencode, ...opencodeDb, ...copilotChat, ...geminiCli, ...qwenCode];
