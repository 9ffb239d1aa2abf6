/**
 * The calibration of the shipped catalog, fitted ahead of time (scripts/write-calibration.ts) and
 * shipped as data: fitting it live takes seconds (Nelder–Mead, plus one refit per deployment for
 * the held-out band), which would block the extension host at its first self-host number and every
 * CLI run. It is used only when the catalog's runs are exactly those it was fitted on (same key);
 * a catalog with imported runs is fitted live. A unit test refits and compares, so it cannot drift.
 */
import { z } from 'zod';
import type { CalibrationRun } from './calibration-runs';
import type { CalibrationFit, HeldOut } from './calibration';
import shipped from './data/calibration.json';

/** FNV-1a over the runs as JSON: every input of the fit (architectures, GPU specs, measured runs) is in it. */
export function calibrationKey(runs: readonly CalibrationRun[]): string {
  const text = JSON.stringify(runs);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${text.length.toString(16)}-${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

const ShippedCalibration = z.object({
  key: z.string(),
  fit: z.object({
    efficiency: z.record(z.string(), z.number()),
    rmsLogError: z.number(),
    runs: z.number().int(),
  }),
  heldOut: z.array(z.object({ label: z.string(), group: z.string(), ratio: z.number().nullable() })),
});
export type ShippedCalibration = { key: string; fit: CalibrationFit; heldOut: HeldOut[] };

let parsed: ShippedCalibration | null | undefined;

/** The shipped fit and held-out ratios if they were fitted on exactly these runs, else null (fit live). */
export function shippedCalibrationFor(runs: readonly CalibrationRun[]): ShippedCalibration | null {
  if (parsed === undefined) {
    const r = ShippedCalibration.safeParse(shipped);
    // an invalid file is a build mistake the unit test catches; at run time it only means "fit live"
    parsed = r.success ? (r.data as unknown as ShippedCalibration) : null;
  }
  return parsed && parsed.key === calibrationKey(runs) ? parsed : null;
}
