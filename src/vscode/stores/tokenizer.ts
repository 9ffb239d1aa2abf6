/**
 * Token counting for the configured encoding (agentcost.tokenizer.encoding). The rank data loads
 * on the first count, not at activation. The exact Qwen3 / DeepSeek-V3 tokenizers are optional
 * packages the .vsix does not bundle: choosing them without the package fails with a message that
 * says so and what to choose instead (shown once, and in every hover).
 */
import { createTokenCounter, OPTIONAL_TOKENIZER_PACKAGES, type EncodingId, type TokenCounter } from '../../core/tokenize';
import { settingKey } from '../../shared/config';
import type { ConfigSource } from './config-source';
import { OFF_THREAD_CHARS } from '../model/count-plan';
import { runOffThread } from './worker-run';

export interface Count {
  tokens: number;
  exact: boolean;
  encoding: EncodingId;
}

export class TokenizerError extends Error {}

/** Texts at least this long (a 10 MB CLAUDE.md) are counted in a worker thread, off the extension host's. */
export { OFF_THREAD_CHARS };

export interface CountOptions {
  /** Stops the worker thread (a dismissed hover). */
  signal?: AbortSignal | undefined;
  /** The worker's time budget (JobStopped after it). */
  budgetMs?: number | undefined;
}

export function missingTokenizerMessage(encoding: 'qwen3' | 'deepseek-v3'): string {
  const spec = OPTIONAL_TOKENIZER_PACKAGES[encoding];
  const name = spec.slice(0, spec.lastIndexOf('@'));
  return `the ${encoding} tokenizer needs the optional package ${name}, which the AgentCost extension does not bundle; set ${settingKey('encoding')} to o200k_base or cl100k_base (the agentcost CLI can use ${encoding} after \`npm install ${spec}\`)`;
}

export class TokenizerStore {
  constructor(
    private readonly config: ConfigSource,
    /** The core's counter factory (a test passes one that fails as a missing optional package does). */
    private readonly create: typeof createTokenCounter = createTokenCounter,
  ) {}

  get encoding(): EncodingId {
    return this.config.config.encoding;
  }

  /** A counter for the configured encoding (its memo and `exact` flag are its own; the rank data is shared). */
  async counter(memoEntries = 64): Promise<TokenCounter> {
    const encoding = this.encoding;
    try {
      return await this.create(encoding, { memoEntries });
    } catch (e) {
      const raw = e instanceof Error ? e.message : String(e);
      const message = (encoding === 'qwen3' || encoding === 'deepseek-v3') && /optional package/.test(raw) ? missingTokenizerMessage(encoding) : raw;
      this.config.report([{ setting: settingKey('encoding'), message, fingerprint: `tokenizer|${encoding}|${message}` }]);
      throw new TokenizerError(message);
    }
  }

  /** Counts one text with a fresh counter, so `exact` describes this text alone; a large text in a worker thread. */
  async count(text: string, opts: CountOptions = {}): Promise<Count> {
    if (text.length >= OFF_THREAD_CHARS && this.create === createTokenCounter) {
      const r = await runOffThread({ kind: 'count', text, encoding: this.encoding }, opts);
      if (r.ok && r.kind === 'count') return { tokens: r.tokens, exact: r.exact, encoding: r.encoding };
      // the same message and report as in this thread (a missing optional tokenizer package, say); never
      // the long count itself here, on the host thread
      await this.counter(4);
      throw new TokenizerError(r.ok ? 'the worker thread gave no count' : r.error);
    }
    const counter = await this.counter(4);
    const tokens = counter.count(text);
    return { tokens, exact: counter.exact, encoding: counter.encoding };
  }
}
