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
import { guardUsage } from '../usage-guard';
import { guardUnrendered } from '../render-guard';

/**
 * Every reader's result passes the guards: an absurd usage number becomes unknown, a value too deep
 * to render marks its prompt incomplete; each with a warning naming the line.
 */
function guarded(r: TraceReader): TraceReader {
  return {
    format: r.format,
    label: r.label,
    detect: (probe) => r.detect(probe),
    read: async (path, limits) => {
      const result = await r.read(path, limits);
      return { tasks: result.tasks, diagnostics: [...result.diagnostics, ...guardUsage(result.tasks), ...guardUnrendered(result.tasks)] };
    },
  };
}

/** Every trace format AgentCost reads; detection picks the most confident (see inference/analyze.ts). */
export const readers: readonly TraceReader[] = [...claudeCode, ...codexCli, ...tau2, ...miniSweAgent, ...sweAgent, ...openhands, ...inspectAi, ...aider, ...otelGenai, ...apiLogs, ...cline, ...opencode, ...opencodeDb, ...copilotChat, ...geminiCli, ...qwenCode].map(guarded);
