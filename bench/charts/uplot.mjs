/* global devicePixelRatio */
// uPlot driver for the chart benchmark: canvas; bars with uPlot.paths.bars (stacked through disp.y0/y1,
// grouped through align), rules, markers and bands drawn in a draw hook.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { yMax } from '../../webview/model/charts.ts';
import { tick } from './ticks.mjs';

export function draw(el, m, c, size) {
  if (m.empty) return null;
  const bars = m.kind !== 'lines';
  const n = m.x.length;
  const xs = bars ? m.x.map((_, i) => i) : m.x;
  const top = yMax(m) * 1.08;
  const axis = { stroke: c.text, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 }, font: `11px ${c.font}`, labelFont: `12px ${c.font}` };
  const series = [{}];
  const data = [xs];
  if (m.kind === 'stackedBars') {
    const lower = new Array(n).fill(0);
    m.series.forEach((s) => {
      const y0 = lower.slice();
      const y1 = s.values.map((v, i) => (v == null ? null : (lower[i] += v)));
      series.push({
        label: s.label, stroke: c[s.color], fill: c[s.color], width: 0, points: { show: false },
        value: (_u, _v, _si, i) => (i == null || s.values[i] == null ? 'n/a' : tick(m.yKind, s.values[i])),
        paths: uPlot.paths.bars({ size: [0.7, 60], disp: { y0: { unit: 1, values: () => y0 }, y1: { unit: 1, values: () => y1 } } }),
      });
      data.push(y1);
    });
  } else {
    const k = m.series.length;
    m.series.forEach((s, si) => {
      const fills = m.barColors ? m.barColors.map((bc) => c[bc ?? s.color]) : null;
      series.push({
        label: s.label, stroke: c[s.color], fill: bars ? c[s.color] : undefined, width: bars ? 0 : 2, dash: s.dashed ? [6, 4] : undefined,
        spanGaps: false, points: { show: !bars, size: 4 },
        value: (_u, v) => (v == null ? 'n/a' : tick(m.yKind, v)),
        paths: bars ? uPlot.paths.bars({ size: [k === 1 ? 0.6 : 0.35, 60], align: k === 1 ? 0 : si === 0 ? -1 : 1, disp: fills ? { fill: { unit: 3, values: () => fills } } : undefined }) : undefined,
      });
      data.push(s.values);
    });
  }
  const opts = {
    width: size.width, height: size.height, title: m.title,
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: bars ? [-0.5, n - 0.5] : undefined }, y: { range: [0, top] } },
    axes: [
      { ...axis, label: m.xLabel, ...(bars ? { splits: () => xs, values: (_u, sp) => sp.map((i) => m.x[i] ?? ''), rotate: n > 6 ? -30 : 0, size: n > 6 ? 90 : 40, gap: 4 } : {}) },
      { ...axis, label: m.yLabel, size: 60, values: (_u, sp) => sp.map((v) => tick(m.yKind, v)) },
    ],
    series,
    hooks: {
      drawClear: [(u) => {
        const ctx = u.ctx;
        for (const b of m.bands) {
          const y1 = u.valToPos(b.from, 'y', true);
          const y2 = u.valToPos(b.to ?? top, 'y', true);
          ctx.save(); ctx.globalAlpha = 0.12; ctx.fillStyle = c[b.color];
          ctx.fillRect(u.bbox.left, y2, u.bbox.width, y1 - y2); ctx.restore();
        }
      }],
      draw: [(u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.font = `${11 * devicePixelRatio}px ${c.font}`;
        for (const r of m.rules) {
          ctx.strokeStyle = c[r.color]; ctx.fillStyle = c[r.color]; ctx.setLineDash([4, 4]); ctx.lineWidth = 1;
          ctx.beginPath();
          if (r.axis === 'x') {
            const x = u.valToPos(r.value, 'x', true);
            ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
            ctx.fillText(r.label, x + 4, u.bbox.top + 12);
          } else {
            const y = u.valToPos(r.value, 'y', true);
            ctx.moveTo(u.bbox.left, y); ctx.lineTo(u.bbox.left + u.bbox.width, y); ctx.stroke();
            ctx.fillText(r.label, u.bbox.left + 4, y - 4);
          }
        }
        ctx.setLineDash([]);
        for (const mk of m.markers) {
          const x = u.valToPos(mk.x, 'x', true);
          const y = u.valToPos(mk.y, 'y', true);
          ctx.strokeStyle = c[mk.color]; ctx.lineWidth = 2;
          ctx.beginPath(); ctx.arc(x, y, 6 * devicePixelRatio, 0, 2 * Math.PI); ctx.stroke();
        }
        ctx.restore();
      }],
    },
  };
  return new uPlot(opts, data, el);
}

export function destroy(h) {
  if (h) h.destroy();
}
