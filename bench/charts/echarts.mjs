/* global document */
// ECharts driver for the chart benchmark (tree-shaken through echarts/core): canvas renderer; bands,
// rules and markers with markArea / markLine / markPoint.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, MarkLineComponent, MarkAreaComponent, MarkPointComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { yMax } from '../../webview/model/charts.ts';
import { tick } from './ticks.mjs';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, MarkLineComponent, MarkAreaComponent, MarkPointComponent, CanvasRenderer]);

export function draw(el, m, c, size) {
  if (m.empty) return null;
  const box = document.createElement('div');
  el.appendChild(box);
  const chart = echarts.init(box, null, { renderer: 'canvas', width: size.width, height: size.height });
  const lines = m.kind === 'lines';
  const top = yMax(m) * 1.08;
  const series = m.series.map((s, si) => ({
    type: lines ? 'line' : 'bar',
    name: s.label,
    data: lines ? s.values.map((v, i) => [m.x[i], v]) : s.values.map((v, i) => ({ value: v, itemStyle: m.barColors ? { color: c[m.barColors[i] ?? s.color] } : undefined })),
    stack: s.stack,
    color: c[s.color],
    lineStyle: s.dashed ? { type: [6, 4] } : undefined,
    symbolSize: 4,
    connectNulls: false,
    ...(si === 0
      ? {
          markArea: m.bands.length ? { silent: true, data: m.bands.map((b) => [{ yAxis: b.from, itemStyle: { color: c[b.color], opacity: 0.12 } }, { yAxis: b.to ?? top }]) } : undefined,
          markLine: m.rules.length ? { silent: true, symbol: 'none', data: m.rules.map((r) => ({ [r.axis === 'x' ? 'xAxis' : 'yAxis']: r.value, label: { formatter: r.label, color: c[r.color] }, lineStyle: { color: c[r.color], type: 'dashed' } })) } : undefined,
          markPoint: m.markers.length ? { symbol: 'circle', symbolSize: 12, data: m.markers.map((mk) => ({ coord: [mk.x, mk.y], name: mk.label, itemStyle: { color: 'transparent', borderColor: c[mk.color], borderWidth: 2 }, label: { show: false } })) } : undefined,
        }
      : {}),
  }));
  chart.setOption({
    animation: false,
    textStyle: { color: c.text, fontFamily: c.font },
    title: { text: m.title, textStyle: { color: c.text, fontSize: 13 } },
    legend: { top: 22, textStyle: { color: c.text } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => tick(m.yKind, v) },
    grid: { left: 70, right: 20, top: 60, bottom: lines ? 40 : 90 },
    xAxis: lines ? { type: 'value', name: m.xLabel, nameLocation: 'middle', nameGap: 25, min: 'dataMin', max: 'dataMax' } : { type: 'category', data: m.x, axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', name: m.yLabel, min: 0, max: top, axisLabel: { formatter: (v) => tick(m.yKind, v) }, splitLine: { lineStyle: { color: c.grid } } },
    series,
  });
  return chart;
}

export function destroy(h) {
  if (h) h.dispose();
}
