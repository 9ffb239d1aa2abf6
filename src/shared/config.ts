/**
 * The extension's settings as zod schemas, with the same keys, defaults and ranges as package.json
 * `contributes.configuration` (test/unit/vscode/settings-drift.test.ts keeps the two equal).
 *
 * Pure (no vscode): `src/vscode/config.ts` reads the raw values and hands them to `parseSettings`,
 * which validates each setting on its own. A bad value falls back to its default (a bad entry of a
 * list is dropped) and becomes a `SettingProblem`; the rest keeps working. `ProblemLog` remembers
 * what was reported so each problem is shown once, not on every read.
 */
import { describeZodError } from '../core/zod-error';
import { z } from 'zod';
import { Scenario } from '../core/scenario';
import { Baseline, CatalogOverlay } from '../core/catalog/schema';
import { ENCODING_IDS, type EncodingId } from '../core/tokenize';
import { AGENT_IDS } from '../core/discovery/types';

/** The default prompt-file globs; a glob without a folder matches at any depth (see glob.ts). */
export const DEFAULT_PROMPT_GLOBS = [
  '**/*.prompt.md',
  '**/*.prompt',
  '**/prompts/**',
  'AGENTS.md',
  'CLAUDE.md',
  '.github/copilot-instructions.md',
  '**/system-prompt*.{md,txt}',
];

/** Files worth probing for a trace format; the content decides (a JSON file that is no trace is skipped). */
export const DEFAULT_TRACE_GLOBS = ['**/*.jsonl', '**/*.json', '**/*.traj', '**/*.eval', '**/.aider.llm.history', '**/.aider.chat.history.md'];

const globList = z.array(z.string().min(1).max(1000)).max(200);
const pathList = z.array(z.string().min(1).max(4096)).max(100);
const onePath = z.string().min(1).max(4096);

/** `agentcost.discovery.locations`: where each agent's sessions are, replacing the defaults (README "Finding the sessions of a workspace"). */
export const DiscoveryLocationsSetting = z
  .object({
    claudeConfigDirs: pathList.optional(),
    codexHome: onePath.optional(),
    geminiDir: onePath.optional(),
    qwenDir: onePath.optional(),
    openCodeDataDir: onePath.optional(),
    vscodeUserDirs: pathList.optional(),
    clineDataDirs: pathList.optional(),
  })
  .strict();

interface SettingSpec<S extends z.ZodType> {
  /** The key under `agentcost.` in package.json. */
  key: string;
  schema: S;
  /** For lists of objects: each entry is checked on its own, and a bad one is dropped, not the whole list. */
  element?: z.ZodType;
}

const spec = <S extends z.ZodType>(key: string, schema: S, element?: z.ZodType): SettingSpec<S> => ({ key, schema, ...(element ? { element } : {}) });

export const SETTINGS = {
  scenarios: spec('scenarios', z.array(Scenario).max(100).default([]), Scenario),
  catalogOverlay: spec('catalog.overlay', CatalogOverlay.default({})),
  catalogFiles: spec('catalog.files', pathList.default([])),
  baselines: spec('catalog.baselines', z.array(Baseline).max(1000).default([]), Baseline),
  gpuPrices: spec('gpuPrices', z.record(z.string().min(1).max(100), z.number().finite().positive().max(1000)).default({})),
  utilization: spec('utilization', z.number().finite().min(0.001).max(1).default(0.7)),
  overhead: spec('overhead', z.number().finite().min(0).max(10).default(0.15)),
  defaultModel: spec('defaultModel', z.string().min(1).max(200).default('deepseek-v3.2')),
  defaultProvider: spec('defaultProvider', z.string().min(1).max(200).default('auto')),
  defaultGpu: spec('defaultGpu', z.string().min(1).max(100).default('b200')),
  k: spec('k', z.number().int().min(0).max(500).default(0)),
  promptGlobs: spec('promptGlobs', globList.default(DEFAULT_PROMPT_GLOBS)),
  traceGlobs: spec('traceGlobs', globList.default(DEFAULT_TRACE_GLOBS)),
  traceFolders: spec('traceFolders', pathList.default([])),
  encoding: spec('tokenizer.encoding', z.enum(ENCODING_IDS as readonly EncodingId[] as [EncodingId, ...EncodingId[]]).default('o200k_base')),
  discoveryEnabled: spec('discovery.enabled', z.boolean().default(true)),
  discoveryAgents: spec('discovery.agents', z.array(z.enum(AGENT_IDS)).max(AGENT_IDS.length).default([...AGENT_IDS])),
  discoveryLocations: spec('discovery.locations', DiscoveryLocationsSetting.default({})),
  maxFileSizeMB: spec('maxFileSizeMB', z.number().finite().positive().max(10240).default(50)),
} as const;

export type SettingField = keyof typeof SETTINGS;
export type Config = { [F in SettingField]: z.output<(typeof SETTINGS)[F]['schema']> };

/** `agentcost.defaultProvider` value meaning "each trace call at its own model's price; the article's provider otherwise". */
export { EACH_CALL_PRICE as AUTO_PROVIDER } from '../core/pipeline/each-call';

export interface SettingProblem {
  /** The full setting key, e.g. `agentcost.utilization`. */
  setting: string;
  message: string;
  /** Same setting, same bad value, same complaint: the same fingerprint (reported once). */
  fingerprint: string;
}

export function settingKey(field: SettingField): string {
  return `agentcost.${SETTINGS[field].key}`;
}

/** The default of one setting (a fresh copy: callers may mutate it). */
export function defaultOf<F extends SettingField>(field: F): Config[F] {
  return structuredClone(SETTINGS[field].schema.parse(undefined)) as Config[F];
}

export function defaultConfig(): Config {
  return parseSettings(() => undefined).config;
}

const describe = (error: z.ZodError): string => describeZodError(error, 3);

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Validates every setting on its own. `read(key)` returns the raw value of `agentcost.<key>`
 * (undefined: not set, the default applies).
 */
export function parseSettings(read: (key: string) => unknown): { config: Config; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const out: Record<string, unknown> = {};
  for (const [field, s] of Object.entries(SETTINGS) as [SettingField, SettingSpec<z.ZodType>][]) {
    const full = `agentcost.${s.key}`;
    const raw = read(s.key);
    if (raw === undefined || raw === null) {
      out[field] = defaultOf(field);
      continue;
    }
    if (s.element && Array.isArray(raw)) {
      const kept: unknown[] = [];
      raw.forEach((entry, i) => {
        const r = s.element!.safeParse(entry);
        if (r.success) kept.push(r.data);
        else {
          const message = `${full}[${i}] is ignored: ${describe(r.error)}`;
          problems.push({ setting: full, message, fingerprint: `${full}|${show(entry)}|${message}` });
        }
      });
      const whole = s.schema.safeParse(kept);
      if (whole.success) {
        out[field] = whole.data;
        continue;
      }
      // the list itself is bad (too long): fall through to the whole-value fallback
    }
    const r = s.schema.safeParse(raw);
    if (r.success) out[field] = r.data;
    else {
      const fallback = defaultOf(field);
      const message = `${full} = ${show(raw)} is not valid (${describe(r.error)}); using the default ${show(fallback)}`;
      problems.push({ setting: full, message, fingerprint: `${full}|${show(raw)}|${message}` });
      out[field] = fallback;
    }
  }
  return { config: out as Config, problems };
}

/** Remembers reported problems: `fresh` returns only those not reported before. */
export class ProblemLog {
  private readonly seen = new Set<string>();

  fresh(problems: readonly SettingProblem[]): SettingProblem[] {
    const out: SettingProblem[] = [];
    for (const p of problems) {
      if (this.seen.has(p.fingerprint)) continue;
      this.seen.add(p.fingerprint);
      out.push(p);
    }
    return out;
  }
}
