/**
 * Draws a chart's self-host ranges (webview/model/chart-ranges.ts) on uPlot's canvas, in its draw
 * hook: a translucent area between low and high behind a line, a whisker (low–high, with caps) on a
 * bar; a range that crosses a zone limit dashed and marked "?". Canvas only: no styles, CSP intact.
 */
import uPlot from 'uplot';
import type { ChartModel, ColorToken } from '../model/charts';
import { isShown } from '../format';

/** Where a series' bar is centred, in x units from its category: uPlot.paths.bars with `align` and the width drawChart gives it. */
function barOffsetPx(u: uPlot, m: ChartModel, si: number): number {
  const k = m.series.length;
  if (k === 1) return 0;
  const slot = Math.abs(u.valToPos(1, 'x', true) - u.valToPos(0, 'x', true));
  const width = Math.min(Math.min(0.8 / k, 0.4) * slot, 64 * uPlot.pxRatio);
  return (si === 0 ? -1 : 1) * (width / 2);
}

export function drawRanges(u: uPlot, m: ChartModel, colors: Record<ColorToken, string>, font: string): void {
  const ctx = u.ctx;
  const px = uPlot.pxRatio;
  const xs = m.kind === 'lines' ? (m.x as number[]) : m.x.map((_, i) => i);
  ctx.save();
  ctx.beginPath();
  ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  ctx.clip();
  for (const r of m.ranges) {
    const si = m.series.findIndex((s) => s.key === r.seriesKey);
    if (si < 0) continue;
    const color = colors[m.series[si]!.color];
    if (r.style === 'band') {
      ctx.globalAlpha = 0.16;
      ctx.fillStyle = color;
      // one filled polygon per run of x positions that all have a range (a gap stays a gap)
      let run: number[] = [];
      const flush = () => {
        if (run.length > 1) {
          ctx.beginPath();
          run.forEach((i, j) => (j === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, u.valToPos(xs[i]!, 'x', true), u.valToPos(r.hi[i]!, 'y', true)));
          for (const i of [...run].reverse()) ctx.lineTo(u.valToPos(xs[i]!, 'x', true), u.valToPos(r.lo[i]!, 'y', true));
          ctx.closePath();
          ctx.fill();
        }
        run = [];
      };
      xs.forEach((_, i) => (isShown(r.lo[i]) && isShown(r.hi[i]) ? run.push(i) : flush()));
      flush();
      ctx.globalAlpha = 1;
    } else {
      const dx = barOffsetPx(u, m, si);
      ctx.strokeStyle = m.series.length === 1 ? colors.foreground : color;
      ctx.fillStyle = ctx.strokeStyle;
      ctx.lineWidth = 1.5 * px;
      ctx.font = `bold ${11 * px}px ${font}`;
      ctx.textAlign = 'center';
      xs.forEach((x, i) => {
        const lo = r.lo[i];
        const hi = r.hi[i];
        if (!isShown(lo) || !isShown(hi)) return;
        const cx = u.valToPos(x, 'x', true) + dx;
        const y0 = u.valToPos(lo, 'y', true);
        const y1 = u.valToPos(hi, 'y', true);
        const uncertain = r.uncertain?.[i] === true;
        ctx.setLineDash(uncertain ? [3 * px, 3 * px] : []);
        ctx.beginPath();
        ctx.moveTo(cx, y0);
        ctx.lineTo(cx, y1);
        ctx.moveTo(cx - 4 * px, y0);
        ctx.lineTo(cx + 4 * px, y0);
        ctx.moveTo(cx - 4 * px, y1);
        ctx.lineTo(cx + 4 * px, y1);
        ctx.stroke();
        if (uncertain) ctx.fillText('?', cx, Math.max(u.bbox.top + 11 * px, y1 - 4 * px));
      });
      ctx.setLineDash([]);
    }
  }
  ctx.restore();
}

/** The legend value of a series with a range: " (low–high)" after the point, formatted like it. */
export function rangeSuffix(m: ChartModel, seriesKey: string, i: number, fmt: (v: number) => string): string {
  const r = m.ranges.find((x) => x.seriesKey === seriesKey);
  const lo = r?.lo[i];
  const hi = r?.hi[i];
  return isShown(lo) && isShown(hi) ? ` (${fmt(lo)}–${fmt(hi)})` : '';
}
