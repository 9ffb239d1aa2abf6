// Observable Plot driver for the chart benchmark: SVG; stacked and grouped bars with barY (+ stackY,
// fx facets for groups), lines with lineY, bands with rectY, rules with ruleX/ruleY, markers with dot.
import * as Plot from '@observablehq/plot';
import { yMax } from '../../webview/model/charts.ts';
import { tick } from './ticks.mjs';

export function draw(el, m, c, size) {
  if (m.empty) return null;
  const rows = m.series.flatMap((s) => s.values.map((v, i) => ({ x: m.x[i], i, y: v, series: s.label, color: m.barColors?.[i] ?? s.color, dashed: !!s.dashed })));
  const top = yMax(m) * 1.08;
  const marks = [];
  for (const b of m.bands) marks.push(Plot.rectY([b], { y1: 'from', y2: (d) => d.to ?? top, fill: c[b.color], fillOpacity: 0.12 }));
  const colorOf = (d) => c[d.color];
  if (m.kind === 'stackedBars') {
    marks.push(Plot.barY(rows.filter((d) => d.y != null), Plot.stackY({ x: 'x', y: 'y', fill: colorOf, order: null, title: (d) => `${d.series}: ${tick(m.yKind, d.y)}` })));
  } else if (m.kind === 'groupedBars') {
    if (m.series.length > 1) marks.push(Plot.barY(rows.filter((d) => d.y != null), { fx: 'x', x: 'series', y: 'y', fill: colorOf, title: (d) => `${d.series}: ${tick(m.yKind, d.y)}` }));
    else marks.push(Plot.barY(rows.filter((d) => d.y != null), { x: 'x', y: 'y', fill: colorOf, title: (d) => `${d.series}: ${tick(m.yKind, d.y)}` }));
  } else {
    for (const s of m.series) {
      const pts = s.values.map((v, i) => ({ x: m.x[i], y: v }));
      marks.push(Plot.lineY(pts, { x: 'x', y: 'y', stroke: c[s.color], strokeWidth: 2, strokeDasharray: s.dashed ? '6,4' : null }));
      marks.push(Plot.dot(pts.filter((d) => d.y != null), { x: 'x', y: 'y', r: 2, fill: c[s.color], title: (d) => `${s.label}: ${tick(m.yKind, d.y)}` }));
    }
  }
  for (const r of m.rules) {
    if (r.axis === 'x') marks.push(Plot.ruleX([r.value], { stroke: c[r.color], strokeDasharray: '4,4' }), Plot.text([r], { x: 'value', frameAnchor: 'top', dx: 4, textAnchor: 'start', text: 'label', fill: c[r.color] }));
    else marks.push(Plot.ruleY([r.value], { stroke: c[r.color], strokeDasharray: '4,4' }));
  }
  if (m.markers.length) marks.push(Plot.dot(m.markers, { x: 'x', y: 'y', r: 6, stroke: (d) => c[d.color], strokeWidth: 2, title: 'label' }));
  const grouped = m.kind === 'groupedBars' && m.series.length > 1;
  const svg = Plot.plot({
    width: size.width,
    height: size.height,
    marginBottom: m.kind === 'lines' ? 40 : 80,
    marginLeft: 60,
    style: { color: c.text, fontFamily: c.font, background: 'transparent' },
    x: grouped ? { axis: null } : m.kind === 'lines' ? { label: m.xLabel } : { type: 'band', label: m.xLabel, tickRotate: -30 },
    fx: grouped ? { label: m.xLabel, tickRotate: -30 } : undefined,
    y: { label: m.yLabel, domain: [0, top], grid: true, tickFormat: (v) => tick(m.yKind, v) },
    marks,
  });
  el.appendChild(svg);
  return svg;
}

export function destroy(h) {
  if (h) h.remove();
}
