import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Repository root (tests run from any cwd). */
export const REPO_ROOT = resolve(__dirname, '../../..');

/**
 * The real agent traces of ../shared/traces (beside the checkout, in CI too). Read from there,
 * never copied into the project.
 */
export const SHARED_TRACES = resolve(REPO_ROOT, '../shared/traces');

export function sharedTrace(relative: string): string {
  const p = resolve(SHARED_TRACES, relative);
  if (!existsSync(p)) throw new Error(`missing shared trace ${p}: the tests expect ../shared/traces beside the checkout`);
  return p;
}

export const FIXTURES = resolve(REPO_ROOT, 'test/fixtures');
