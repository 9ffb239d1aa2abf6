/** Shared inputs for the extension's unit tests: the example session analyzed, and snapshots built from it. */
import { join } from 'node:path';
import { buildCatalog } from '../../../src/core/catalog/load';
import { measureFile, type FileAnalysis } from '../../../src/core/inference/analyze';
import { measuringOptions } from '../../../src/core/pipeline/measuring';
import { makePricing, priceFile } from '../../../src/core/pipeline/pricing';
import { buildSnapshot, defaultControls } from '../../../src/core/panel/snapshot';
import { createTokenCounter } from '../../../src/core/tokenize';
import { readers } from '../../../src/core/traces/readers';
import type { PanelSnapshot } from '../../../src/shared/protocol';
import { FIXTURES } from '../helpers/shared';

export const EXAMPLE_SESSION = join(FIXTURES, 'examples/claude-code-session.jsonl');

export async function analyzeExample(path = EXAMPLE_SESSION): Promise<FileAnalysis> {
  const cat = buildCatalog();
  const measures = await measureFile(path, measuringOptions({ readers, counter: () => createTokenCounter('o200k_base') }).options);
  return priceFile(measures, makePricing(cat, {}));
}

export async function exampleSnapshot(): Promise<PanelSnapshot> {
  const cat = buildCatalog();
  const file = await analyzeExample();
  return buildSnapshot(cat, { subject: { kind: 'trace', label: 'claude-code-session.jsonl' }, files: [file] }, defaultControls(cat, true), null);
}
