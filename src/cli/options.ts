import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { buildCatalog, readOverlayFile } from '../core/catalog/load';
import { RANGES, type Catalog } from '../core/catalog/schema';
import { Scenario } from '../core/scenario';
import { describeZodError } from '../core/zod-error';
import { createTokenCounter, ENCODING_IDS, isEncodingId, type TokenCounter } from '../core/tokenize';
import { readPromptText, type PromptText } from '../core/traces/io';
import { UsageError } from './errors';
import type { Precision } from '../core/catalog/arch-schema';
import { parseGpuCount, parsePrecisionOption } from './commands/perf-options';

export function parseNumber(name: string, opts: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {}) {
  return (raw: string): number => {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) throw new InvalidArgumentError(`${name} must be a number, got "${raw}"`);
    if (opts.integer && !Number.isInteger(v)) throw new InvalidArgumentError(`${name} must be a whole number, got ${raw}`);
    if (opts.min !== undefined && (opts.exclusiveMin ? v <= opts.min : v < opts.min))
      throw new InvalidArgumentError(`${name} must be ${opts.exclusiveMin ? '>' : '≥'} ${opts.min}, got ${raw}`);
    if (opts.max !== undefined && v > opts.max) throw new InvalidArgumentError(`${name} must be ≤ ${opts.max}, got ${raw}`);
    return v;
  };
}

// the same ranges as the scenario schema (src/core/scenario.ts) and the settings
export const parseUtilization = parseNumber('utilization', { min: 0.001, max: 1 });
export const parseOverhead = parseNumber('overhead', { min: 0, max: 10 });

export function parseList(raw: string): string[] {
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

export async function loadCatalog(catalogFiles: readonly string[] | undefined): Promise<Catalog> {
  const overlays = [];
  for (const f of catalogFiles ?? []) overlays.push(await readOverlayFile(f));
  return buildCatalog(overlays);
}

export async function readScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read scenario file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`scenario file ${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = Scenario.safeParse(json);
  if (!parsed.success) {
    const issues = describeZodError(parsed.error, 10);
    throw new UsageError(`scenario file ${path}: ${issues}`);
  }
  return parsed.data;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** What `selfHostOptions` parses. */
export interface SelfHostFlags {
  utilization?: number;
  overhead?: number;
  gpuPrice?: number;
  precision?: Precision;
  gpus?: number;
}

/** What `catalogAndJsonOptions` parses. */
export interface CatalogAndJsonFlags {
  catalog?: string[];
  json?: boolean;
}

/** The self-host economics options every pricing command takes (one wording, one parser). */
export function selfHostOptions(cmd: Command): Command {
  return cmd
    .option('--utilization <f>', 'self-host utilization in [0.001, 1] (default: 0.7)', parseUtilization)
    .option('--overhead <f>', 'overhead adder, e.g. 0.15 for +15 % (default: 0.15)', parseOverhead)
    .option('--gpu-price <usd>', "$ per GPU-hour (default: the catalog's price for the GPU)", parseNumber('gpu-price', { min: RANGES.usdPerGpuHour.min, max: RANGES.usdPerGpuHour.max }))
    .option('--precision <p>', 'weight precision for the performance model: bf16, fp16, fp8, fp4 (default: the measured runs, else the native one)', parsePrecisionOption)
    .option('--gpus <n>', 'GPUs per replica for the performance model: 1, 2, 4, 8 (default: the measured runs, else the smallest that fits)', parseGpuCount);
}

/** `--catalog` (repeatable) and `--json`: on every command that reads the catalog. */
export function catalogAndJsonOptions(cmd: Command): Command {
  return cmd.option('--catalog <file>', 'a catalog overlay JSON file (repeatable)', collect).option('--json', 'print JSON');
}

/** A prompt file's text and the counter of `--encoding`: one wording of what can go wrong (exit 1). */
export async function promptFileAndCounter(path: string, encoding: string): Promise<{ text: string; counter: TokenCounter; fileEncoding: Extract<PromptText, { ok: true }>['encoding']; invalidUtf8: boolean }> {
  if (!isEncodingId(encoding)) throw new UsageError(`--encoding must be one of ${ENCODING_IDS.join(', ')}, got "${encoding}"`);
  // FIFOs, devices, NUL bytes and huge files are refused; UTF-16 is decoded by its BOM (traces/io.ts)
  const read = await readPromptText(path);
  if (!read.ok) throw new UsageError(read.error);
  try {
    return { text: read.text, counter: await createTokenCounter(encoding), fileEncoding: read.encoding, invalidUtf8: read.invalidUtf8 };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}
