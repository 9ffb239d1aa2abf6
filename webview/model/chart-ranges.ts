/**
 * The self-host ranges a chart draws (src/core/pipeline/self-host-range.ts computes them on the host):
 * the model of a band or whiskers, and its values table columns. Pure, unit-tested in Node.
 */
import { isShown } from '../format';

/**
 * A self-host series' range under the throughput band (src/core/pipeline/self-host-range.ts): a filled
 * area between lo and hi for lines (Figures 2 and 4), a whisker on each bar for bars (Figures 1 and 3).
 */
export interface RangeModel {
  /** The series it belongs to (its color, its bar). */
  seriesKey: string;
  style: 'band' | 'whiskers';
  /** One per x position; null where there is no range. */
  lo: (number | null)[];
  hi: (number | null)[];
  /** Per x: the range crosses a zone limit (Figure 3), drawn dashed and marked "?". */
  uncertain?: boolean[];
}


type Range = readonly [number, number] | null | undefined;
const loOf = (r: Range): number | null => (r && isShown(r[0]) ? r[0] : null);
const hiOf = (r: Range): number | null => (r && isShown(r[1]) ? r[1] : null);
/** A range model, or none when no x position has a range. */
export function rangeOf(seriesKey: string, style: RangeModel['style'], ranges: readonly Range[], uncertain?: boolean[]): RangeModel[] {
  const lo = ranges.map(loOf);
  const hi = ranges.map(hiOf);
  return lo.some(isShown) && hi.some(isShown) ? [{ seriesKey, style, lo, hi, ...(uncertain ? { uncertain } : {}) }] : [];
}
