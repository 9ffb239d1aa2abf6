/* global document */
// Chart.js driver for the chart benchmark (tree-shaken: only the controllers, elements, scales and
// plugins the five charts use): canvas; bands, rules and markers drawn by a small inline plugin.
import { Chart, BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Legend, Title, Tooltip } from 'chart.js';
import { yMax } from '../../webview/model/charts.ts';
import { tick } from './ticks.mjs';

Chart.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Legend, Title, Tooltip);

const overlay = {
  id: 'agentcostOverlay',
  beforeDatasetsDraw(chart, _args, o) {
    const { ctx, chartArea: a, scales } = chart;
    for (const b of o.model.bands) {
      const y1 = scales.y.getPixelForValue(b.from);
      const y2 = b.to == null ? a.top : scales.y.getPixelForValue(b.to);
      ctx.save(); ctx.globalAlpha = 0.12; ctx.fillStyle = o.colors[b.color];
      ctx.fillRect(a.left, y2, a.right - a.left, y1 - y2); ctx.restore();
    }
  },
  afterDatasetsDraw(chart, _args, o) {
    const { ctx, chartArea: a, scales } = chart;
    const m = o.model;
    ctx.save();
    ctx.font = `11px ${o.colors.font}`;
    for (const r of m.rules) {
      ctx.strokeStyle = o.colors[r.color]; ctx.fillStyle = o.colors[r.color]; ctx.setLineDash([4, 4]);
      ctx.beginPath();
      if (r.axis === 'x') {
        const x = m.kind === 'lines' ? scales.x.getPixelForValue(r.value) : scales.x.getPixelForValue(r.value);
        ctx.moveTo(x, a.top); ctx.lineTo(x, a.bottom); ctx.stroke(); ctx.fillText(r.label, x + 4, a.top + 12);
      } else {
        const y = scales.y.getPixelForValue(r.value);
        ctx.moveTo(a.left, y); ctx.lineTo(a.right, y); ctx.stroke(); ctx.fillText(r.label, a.left + 4, y - 4);
      }
    }
    ctx.setLineDash([]);
    for (const mk of m.markers) {
      ctx.strokeStyle = o.colors[mk.color]; ctx.lineWidth = 2;
      ctx.beginPath(); ctx.arc(scales.x.getPixelForValue(mk.x), scales.y.getPixelForValue(mk.y), 6, 0, 2 * Math.PI); ctx.stroke();
    }
    ctx.restore();
  },
};

export function draw(el, m, c, size) {
  if (m.empty) return null;
  const canvas = document.createElement('canvas');
  const box = document.createElement('div');
  box.style.position = 'relative';
  box.style.width = `${size.width}px`;
  box.style.height = `${size.height}px`;
  box.appendChild(canvas);
  el.appendChild(box);
  const lines = m.kind === 'lines';
  const datasets = m.series.map((s) => ({
    label: s.label,
    data: lines ? s.values.map((v, i) => ({ x: m.x[i], y: v })) : s.values,
    borderColor: c[s.color],
    backgroundColor: m.barColors ? m.barColors.map((bc) => c[bc ?? s.color]) : c[s.color],
    borderDash: s.dashed ? [6, 4] : [],
    borderWidth: lines ? 2 : 0,
    pointRadius: lines ? 2 : 0,
    spanGaps: false,
    stack: s.stack,
  }));
  const grid = { color: c.grid };
  const ticks = { color: c.text, font: { family: c.font } };
  return new Chart(canvas, {
    type: lines ? 'line' : 'bar',
    data: { labels: lines ? undefined : m.x, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: lines ? false : undefined,
      color: c.text,
      font: { family: c.font },
      scales: {
        x: { type: lines ? 'linear' : 'category', stacked: m.kind === 'stackedBars', grid, ticks, title: { display: true, text: m.xLabel, color: c.text } },
        y: { min: 0, max: yMax(m) * 1.08, stacked: m.kind === 'stackedBars', grid, ticks: { ...ticks, callback: (v) => tick(m.yKind, Number(v)) }, title: { display: true, text: m.yLabel, color: c.text } },
      },
      plugins: {
        title: { display: true, text: m.title, color: c.text },
        legend: { labels: { color: c.text } },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${tick(m.yKind, ctx.parsed.y)}` } },
        agentcostOverlay: { model: m, colors: c },
      },
    },
    plugins: [overlay],
  });
}

export function destroy(h) {
  if (h) h.destroy();
}
