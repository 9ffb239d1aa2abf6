/** Shared inputs for the extension's unit tests: the example session analyzed, and snapshots built from it. */
import { join } from 'node:path';
import { buildCatalog } from '../../../src/core/catalog/load';
import { analyzeFile, type FileAnalysis } from '../../../src/core/inference/analyze';
import { traceModelPricing } from '../../../src/core/inference/pricing';
import { buildSnapshot, defaultControls } from '../../../src/core/panel/snapshot';
import { resolveScenario } from '../../../src/core/scenario';
import { createTokenCounter } from '../../../src/core/tokenize';
import { readers } from '../../../src/core/traces/readers';
import type { PanelSnapshot } from '../../../src/shared/protocol';
import { FIXTURES } from '../helpers/shared';

export const EXAMPLE_SESSION = join(FIXTURES, 'examples/claude-code-session.jsonl');

export async function analyzeExample(path = EXAMPLE_SESSION): Promise<FileAnalysis> {
  const cat = buildCatalog();
  const s = resolveScenario(cat, {}, {});
  return analyzeFile(path, {
    readers,
    tokenizer: async () => {
      const c = await createTokenCounter('o200k_base');
      return { count: (t: string) => c.count(t) };
    },
    priceOf: traceModelPricing(cat).priceOf,
    selfHost: s.selfHost,
  });
}

export async function exampleSnapshot(): Promise<PanelSnapshot> {
  const cat = buildCatalog();
  const file = await analyzeExample();
  return buildSnapshot(cat, { subject: { kind: 'trace', label: 'claude-code-session.jsonl' }, files: [file] }, defaultControls(cat, true), null);
}
