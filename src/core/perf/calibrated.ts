import type { Catalog } from '../catalog/schema';
import { hasHardwareCatalog } from '../catalog/arch';
import { calibrationRuns, type CalibrationRun } from './calibration-runs';
import { fitEfficiency, leaveOneGroupOut, type CalibrationFit, type HeldOut } from './calibration';
import { ratioBand, type RatioBand } from './uncertainty';
import { calibrationKey, shippedCalibrationFor } from './shipped-calibration';

/** The fitted factors for a catalog and the band an estimate for an unmeasured deployment carries. */
export interface Calibration {
  runs: CalibrationRun[];
  fit: CalibrationFit;
  /** Each run predicted by a fit that never saw its deployment: the honest error for a new model × GPU. */
  heldOut: HeldOut[];
  band: RatioBand | null;
}

const memo = new WeakMap<Catalog, Calibration | null>();

/**
 * Calibrated once per catalog object (the user's imported runs change the catalog, hence the fit); the
 * shipped catalog's calibration is shipped as data (shipped-calibration.ts).
 */
export function calibrationFor(cat: Catalog): Calibration | null {
  if (memo.has(cat)) return memo.get(cat)!;
  if (!hasHardwareCatalog()) return null;
  const runs = calibrationRuns(cat);
  const shipped = shippedCalibrationFor(runs);
  const fit = shipped ? shipped.fit : fitEfficiency(runs);
  const heldOut = shipped ? shipped.heldOut : fit ? leaveOneGroupOut(runs) : [];
  const result = fit ? { runs, fit, heldOut, band: ratioBand(heldOut) } : null;
  memo.set(cat, result);
  return result;
}

/** A live fit of the catalog's runs, never the shipped one: for scripts/write-calibration.ts and the test that compares them. */
export function freshCalibration(cat: Catalog): { key: string; fit: CalibrationFit; heldOut: HeldOut[] } | null {
  const runs = calibrationRuns(cat);
  const fit = fitEfficiency(runs);
  return fit ? { key: calibrationKey(runs), fit, heldOut: leaveOneGroupOut(runs) } : null;
}
