import { describeZodError } from '../zod-error';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import shipped from './data/catalog.json';
import { Catalog, CatalogOverlay, type Status } from './schema';
import { registerHardwareCatalog } from './arch';
import { loadHardwareCatalog } from './arch-data';

/** A catalog file that cannot be used; the message names the file and the bad field. */
export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }
}

const describeIssues = (error: z.ZodError): string => describeZodError(error, 5);

let cached: Catalog | null = null;

/** The catalog shipped with AgentCost, validated once. */
export function shippedCatalog(): Catalog {
  if (!cached) {
    const parsed = Catalog.safeParse(shipped);
    if (!parsed.success) throw new CatalogError(`the shipped catalog is invalid: ${describeIssues(parsed.error)}`);
    registerHardwareCatalog(loadHardwareCatalog());
    cached = parsed.data;
  }
  return cached;
}

export function parseOverlay(value: unknown, origin: string): CatalogOverlay {
  const parsed = CatalogOverlay.safeParse(value);
  if (!parsed.success) throw new CatalogError(`${origin}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export async function readOverlayFile(path: string): Promise<CatalogOverlay> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CatalogError(`cannot read catalog file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CatalogError(`catalog file ${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseOverlay(json, `catalog file ${path}`);
}

type Keyed<T> = { list: T[]; key: (t: T) => string; group?: (t: T) => string };

/**
 * User entries come first and replace shipped entries with the same key; a user entry also takes
 * "preferred" away from shipped entries of its group (a user's B200 price beats ours).
 */
function layer<T extends object>(base: T[], user: T[] | undefined, spec: Omit<Keyed<T>, 'list'>): T[] {
  if (!user || user.length === 0) return base;
  const userKeys = new Set(user.map(spec.key));
  const userGroups = new Set(spec.group ? user.map(spec.group) : []);
  const rest = base
    .filter((b) => !userKeys.has(spec.key(b)))
    .map((b) => (spec.group && userGroups.has(spec.group(b)) && 'preferred' in b && b.preferred ? { ...b, preferred: false } : b));
  return [...user.map((u) => (spec.group ? { ...u, preferred: true } : u)), ...rest];
}

const lc = (s: string) => s.toLowerCase();

/** Every entry of a user overlay tagged `user`, its claimed status kept in the note. */
export function markUserSupplied(overlay: CatalogOverlay): CatalogOverlay {
  const mark = <T extends { status: Status; note?: string }>(list: T[] | undefined): T[] | undefined =>
    list?.map((e) => (e.status === 'user' ? e : { ...e, status: 'user' as const, note: `${e.note ? `${e.note}; ` : ''}claimed status: ${e.status}` }));
  const out: CatalogOverlay = { ...overlay };
  if (overlay.models) out.models = mark(overlay.models);
  if (overlay.apiOffers) out.apiOffers = mark(overlay.apiOffers);
  if (overlay.cachePolicies) out.cachePolicies = mark(overlay.cachePolicies);
  if (overlay.gpuOffers) out.gpuOffers = mark(overlay.gpuOffers);
  if (overlay.baselines) out.baselines = mark(overlay.baselines);
  if (overlay.scaling) out.scaling = mark(overlay.scaling);
  if (overlay.workloads) out.workloads = mark(overlay.workloads);
  if (overlay.archetypes) out.archetypes = mark(overlay.archetypes);
  return out;
}

export function applyOverlay(base: Catalog, userOverlay: CatalogOverlay): Catalog {
  const overlay = markUserSupplied(userOverlay);
  return {
    ...base,
    models: layer(base.models, overlay.models, { key: (m) => lc(m.id) }),
    apiOffers: layer(base.apiOffers, overlay.apiOffers, {
      key: (o) => lc(`${o.provider}|${o.model}|${o.variant ?? ''}`),
      group: (o) => lc(`${o.provider}|${o.model}`),
    }),
    cachePolicies: layer(base.cachePolicies, overlay.cachePolicies, { key: (c) => lc(c.provider) }),
    gpus: layer(base.gpus, overlay.gpus, { key: (g) => lc(g.id) }),
    gpuOffers: layer(base.gpuOffers, overlay.gpuOffers, {
      key: (o) => lc(`${o.gpu}|${o.provider}|${o.kind}`),
      group: (o) => lc(o.gpu),
    }),
    baselines: layer(base.baselines, overlay.baselines, {
      key: (b) => lc(`${b.model}|${b.gpu}|${b.gpuCount}|${b.workload}`),
    }),
    scaling: layer(base.scaling, overlay.scaling, { key: (s) => lc(`${s.from}|${s.to}`) }),
    workloads: layer(base.workloads, overlay.workloads, { key: (w) => lc(w.id) }),
    archetypes: layer(base.archetypes, overlay.archetypes, { key: (a) => lc(a.id) }),
  };
}

/** The shipped catalog with the user's overlays applied in order. */
export function buildCatalog(overlays: readonly CatalogOverlay[] = []): Catalog {
  return overlays.reduce(applyOverlay, shippedCatalog());
}
