import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { buildCatalog, readOverlayFile } from '../core/catalog/load';
import type { Catalog } from '../core/catalog/schema';
import { Scenario } from '../core/scenario';
import { describeZodError } from '../core/zod-error';
import { createTokenCounter, ENCODING_IDS, isEncodingId, type TokenCounter } from '../core/tokenize';
import { UsageError } from './errors';

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

export const parseUtilization = parseNumber('utilization', { min: 0, max: 1, exclusiveMin: true });
export const parseOverhead = parseNumber('overhead', { min: 0 });

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
}

/** What `catalogAndJsonOptions` parses. */
export interface CatalogAndJsonFlags {
  catalog?: string[];
  json?: boolean;
}

/** The self-host economics options every pricing command takes (one wording, one parser). */
export function selfHostOptions(cmd: Command): Command {
  return cmd
    .option('--utilization <f>', 'self-host utilization in (0, 1] (default: 0.7)', parseUtilization)
    .option('--overhead <f>', 'overhead adder, e.g. 0.15 for +15 % (default: 0.15)', parseOverhead)
    .option('--gpu-price <usd>', "$ per GPU-hour (default: the catalog's price for the GPU)", parseNumber('gpu-price', { min: 0, exclusiveMin: true }));
}

/** `--catalog` (repeatable) and `--json`: on every command that reads the catalog. */
export function catalogAndJsonOptions(cmd: Command): Command {
  return cmd.option('--catalog <file>', 'a catalog overlay JSON file (repeatable)', collect).option('--json', 'print JSON');
}

/** A prompt file's text and the counter of `--encoding`: one wording of what can go wrong (exit 1). */
export async function promptFileAndCounter(path: string, encoding: string): Promise<{ text: string; counter: TokenCounter }> {
  if (!isEncodingId(encoding)) throw new UsageError(`--encoding must be one of ${ENCODING_IDS.join(', ')}, got "${encoding}"`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return { text, counter: await createTokenCounter(encoding) };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}
