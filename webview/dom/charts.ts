/**
 * Draws a ChartModel with uPlot (chosen by measurement: bench/charts.ts, BENCHMARKS.md "Webview
 * charts"). Canvas; bars through uPlot.paths.bars (stacked with disp.y0/y1, side by side with align,
 * per-bar zone colors with disp.fill); zone bands, reference rules and crossover markers drawn in
 * uPlot's draw hooks. Colors come from the theme's `--vscode-charts-*` variables, read when drawing
 * (a theme change redraws). uPlot styles its elements through the CSSOM only, so the strict CSP holds.
 */
import uPlot from 'uplot';
import { COLOR_TOKENS, cssVarOf, yMax, type ChartModel, type ColorToken, type ValueKind } from '../model/charts';
import { formatPercent, formatTokens, formatUsd, formatUsdTick, isShown } from '../format';
import { drawRanges, rangeSuffix } from './chart-ranges';

export interface Theme {
  colors: Record<ColorToken, string>;
  text: string;
  muted: string;
  grid: string;
  background: string;
  font: string;
}

const FALLBACK: Record<ColorToken, string> = { blue: '#3794ff', red: '#f14c4c', green: '#89d185', yellow: '#cca700', orange: '#d18616', purple: '#b180d7', foreground: '#888888', lines: 'rgba(128, 128, 128, 0.5)' };

/** The theme's chart colors, from the CSS variables VS Code sets (fallbacks only if a variable is missing). */
export function readTheme(el: Element = document.body): Theme {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const colors = {} as Record<ColorToken, string>;
  for (const t of COLOR_TOKENS) colors[t] = v(cssVarOf(t), FALLBACK[t]);
  return {
    colors,
    text: v('--vscode-foreground', colors.foreground),
    muted: v('--vscode-descriptionForeground', colors.foreground),
    grid: v('--vscode-editorWidget-border', colors.lines),
    background: v('--vscode-editor-background', 'transparent'),
    font: v('--vscode-font-family', 'sans-serif'),
  };
}

export const tickText = (kind: ValueKind, v: number, step?: number): string => (kind === 'fraction' ? formatPercent(v) : kind === 'tokens' ? formatTokens(v) : formatUsdTick(v, step));
/** A value in the legend: null is "n/a" for tokens and fractions, "unpriced" for money. */
export const valueText = (kind: ValueKind, v: number | null | undefined): string =>
  kind === 'usd' || kind === 'usdPerM' ? formatUsd(v) + (kind === 'usdPerM' && isShown(v) ? '/1M' : '') : kind === 'fraction' ? formatPercent(v) : formatTokens(v);

export interface ChartHandle {
  readonly plot: uPlot;
  /** The chart with its title and legend as a PNG data URL (for the host to save). */
  toPng(): string;
  destroy(): void;
}

export interface DrawOptions {
  width: number;
  height?: number;
  logScale?: boolean;
}

const FONT_PX = 11;
const ROTATE_DEG = 30;
let measureCtx: CanvasRenderingContext2D | null = null;
function textWidth(text: string, font: string): number {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  if (!measureCtx) return text.length * FONT_PX * 0.6;
  measureCtx.font = font;
  return measureCtx.measureText(text).width;
}

export function drawChart(container: HTMLElement, m: ChartModel, theme: Theme, opts: DrawOptions): ChartHandle {
  const c = theme.colors;
  const bars = m.kind !== 'lines';
  const n = m.x.length;
  const labels = m.x.map(String);
  const xs = bars ? labels.map((_, i) => i) : (m.x as number[]);
  const log = !!opts.logScale && m.kind === 'lines';
  const font = `${FONT_PX}px ${theme.font}`;
  const top = yMax(m) * 1.08;
  const positives = m.series.flatMap((s) => s.values).filter((v): v is number => isShown(v) && v > 0);
  const yRange: [number, number] = log && positives.length ? [Math.min(...positives) / 1.5, top * 1.5] : [0, top];

  // Category labels: rotated when they do not fit side by side, and only every `every`-th one when even
  // rotated they would overlap (a task of hundreds of calls); room below (and left of the first) for them.
  const widest = bars ? Math.max(0, ...labels.map((l) => textWidth(l, font))) : 0;
  const slot = (opts.width - 80) / Math.max(1, n);
  const rotate = bars && widest > slot - 6;
  const every = bars ? Math.max(1, Math.ceil((rotate ? FONT_PX * 1.6 : widest + 8) / Math.max(1, slot))) : 1;
  const shownSplits = xs.filter((_, i) => i % every === 0);
  const rad = (ROTATE_DEG * Math.PI) / 180;
  const xAxisSize = rotate ? Math.ceil(widest * Math.sin(rad) + FONT_PX * Math.cos(rad) + 14) : 36;
  const yAxisSize = 64;
  const firstOverhang = rotate ? textWidth(labels[0] ?? '', font) * Math.cos(rad) - slot / 2 - yAxisSize : 0;

  const axis = { stroke: theme.text, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 }, font, labelFont: `${FONT_PX + 1}px ${theme.font}` };
  const series: uPlot.Series[] = [
    {
      label: m.xLabel,
      value: (_u: uPlot, v: number | null) => (v == null ? '—' : bars ? (labels[v] ?? '') : String(v)),
    },
  ];
  const data: (number | null)[][] = [xs];

  if (m.kind === 'stackedBars') {
    const lower = new Array<number>(n).fill(0);
    for (const s of m.series) {
      const y0 = lower.slice();
      const y1 = s.values.map((v, i) => (isShown(v) ? (lower[i] = lower[i]! + v) : null));
      series.push({
        label: s.label,
        stroke: c[s.color],
        fill: c[s.color],
        width: 0,
        points: { show: false },
        // i is null while the cursor is off the chart: nothing to show (not "unpriced").
        value: (_u, _v, _si, i) => (i == null ? '—' : valueText(m.yKind, s.values[i])),
        paths: uPlot.paths.bars!({ size: [0.7, 64], disp: { y0: { unit: 1, values: () => y0 }, y1: { unit: 1, values: () => y1 } } }),
      });
      data.push(y1);
    }
  } else {
    const k = m.series.length;
    m.series.forEach((s, si) => {
      const fills = m.barColors ? m.barColors.map((bc) => c[bc ?? s.color]) : null;
      const align: -1 | 0 | 1 = k === 1 ? 0 : si === 0 ? -1 : 1;
      series.push({
        label: s.label,
        stroke: c[s.color],
        fill: bars ? c[s.color] : undefined,
        width: bars ? 0 : 2,
        dash: s.dashed ? [6, 4] : undefined,
        spanGaps: false,
        points: { show: !bars, size: 5, fill: c[s.color] },
        value: (_u, v, _si, i) => (i == null ? '—' : valueText(m.yKind, v) + (isShown(v) ? rangeSuffix(m, s.key, i, (x) => (m.yKind === 'fraction' ? formatPercent(x) : formatUsd(x))) : '')),
        paths: bars ? uPlot.paths.bars!({ size: [k === 1 ? 0.6 : Math.min(0.8 / k, 0.4), 64], align, ...(fills ? { disp: { fill: { unit: 3, values: () => fills } } } : {}) }) : undefined,
      });
      data.push(s.values);
    });
  }

  const options: uPlot.Options = {
    width: Math.max(320, opts.width),
    height: opts.height ?? 300,
    padding: [12, 16, 0, Math.max(0, Math.ceil(firstOverhang))],
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false, setScale: false }, points: { show: !bars } },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: false, range: bars ? [-0.5, n - 0.5] : [Math.min(...xs), Math.max(...xs)] },
      y: log ? { distr: 3, log: 10, range: yRange } : { range: yRange },
    },
    axes: [
      {
        ...axis,
        label: m.xLabel,
        ...(bars ? { splits: () => shownSplits, values: (_u: uPlot, sp: number[]) => sp.map((i) => labels[i] ?? ''), rotate: rotate ? ROTATE_DEG : 0, size: xAxisSize, gap: 4 } : {}),
      },
      { ...axis, label: m.yLabel, size: yAxisSize, values: (_u: uPlot, sp: number[], _ai: number, _space: number, incr: number) => sp.map((v) => tickText(m.yKind, v, log ? Math.abs(v) : incr)) },
    ],
    series,
    hooks: {
      drawClear: [
        (u) => {
          const ctx = u.ctx;
          for (const b of m.bands) {
            const y1 = u.valToPos(b.from, 'y', true);
            const y2 = u.valToPos(Math.min(b.to ?? yRange[1], yRange[1]), 'y', true);
            if (b.from >= yRange[1]) continue;
            ctx.save();
            ctx.globalAlpha = 0.14;
            ctx.fillStyle = c[b.color];
            ctx.fillRect(u.bbox.left, y2, u.bbox.width, y1 - y2);
            ctx.restore();
          }
        },
      ],
      draw: [
        (u) => {
          drawRanges(u, m, c, theme.font);
          const ctx = u.ctx;
          const px = uPlot.pxRatio;
          ctx.save();
          ctx.font = `${FONT_PX * px}px ${theme.font}`;
          ctx.lineWidth = px;
          for (const r of m.rules) {
            ctx.strokeStyle = c[r.color];
            ctx.fillStyle = c[r.color];
            ctx.setLineDash([4 * px, 4 * px]);
            ctx.beginPath();
            if (r.axis === 'x') {
              const x = u.valToPos(r.value, 'x', true);
              if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
              ctx.textAlign = x > u.bbox.left + u.bbox.width * 0.8 ? 'right' : 'left';
              ctx.fillText(r.label, x + (ctx.textAlign === 'right' ? -4 : 4) * px, u.bbox.top + 12 * px);
            } else {
              const y = u.valToPos(r.value, 'y', true);
              ctx.moveTo(u.bbox.left, y);
              ctx.lineTo(u.bbox.left + u.bbox.width, y);
              ctx.stroke();
              ctx.textAlign = 'right';
              ctx.fillText(r.label, u.bbox.left + u.bbox.width - 4 * px, y - 4 * px);
            }
          }
          ctx.setLineDash([]);
          ctx.lineWidth = 2 * px;
          for (const mk of m.markers) {
            const x = u.valToPos(mk.x, 'x', true);
            const y = u.valToPos(mk.y, 'y', true);
            ctx.strokeStyle = c[mk.color];
            ctx.beginPath();
            ctx.arc(x, y, 6 * px, 0, 2 * Math.PI);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };

  const plot = new uPlot(options, data as uPlot.AlignedData, container);
  plot.root.setAttribute('role', 'img');
  plot.root.setAttribute('aria-label', `${m.title}. ${m.series.map((s) => s.label).join(', ')}. The values are in the table below the chart.`);

  return {
    plot,
    toPng() {
      return composePng(plot, m, theme);
    },
    destroy() {
      plot.destroy();
    },
  };
}

/** The chart's canvas with its title above and its legend below, on the theme's background. */
function composePng(plot: uPlot, m: ChartModel, theme: Theme): string {
  const src = plot.ctx.canvas;
  const px = uPlot.pxRatio;
  const pad = 12 * px;
  const titleH = 24 * px;
  const rowH = 18 * px;
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d');
  if (!ctx) return src.toDataURL('image/png');
  const legendFont = `${FONT_PX * px}px ${theme.font}`;
  ctx.font = legendFont;
  const items = m.series.map((s) => ({ label: s.label, color: theme.colors[s.color], w: ctx.measureText(s.label).width + 22 * px }));
  const zoneItems = m.bands.map((b) => ({ label: b.label, color: theme.colors[b.color], w: 0 }));
  let rows = 1;
  let x = 0;
  for (const it of items) {
    if (x + it.w > src.width && x > 0) {
      rows++;
      x = 0;
    }
    x += it.w;
  }
  rows += zoneItems.length;
  out.width = src.width + 2 * pad;
  out.height = titleH + src.height + rows * rowH + 2 * pad;
  const bg = theme.background === 'transparent' ? '#ffffff' : theme.background;
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = theme.text;
  ctx.font = `bold ${(FONT_PX + 2) * px}px ${theme.font}`;
  ctx.textBaseline = 'top';
  ctx.fillText(m.title, pad, pad);
  ctx.drawImage(src, pad, pad + titleH);
  ctx.font = legendFont;
  ctx.textBaseline = 'middle';
  let lx = pad;
  let ly = pad + titleH + src.height + rowH / 2;
  for (const it of items) {
    if (lx + it.w > src.width && lx > pad) {
      lx = pad;
      ly += rowH;
    }
    ctx.fillStyle = it.color;
    ctx.fillRect(lx, ly - 5 * px, 12 * px, 10 * px);
    ctx.fillStyle = theme.text;
    ctx.fillText(it.label, lx + 16 * px, ly);
    lx += it.w;
  }
  for (const z of zoneItems) {
    ly += rowH;
    ctx.globalAlpha = 0.5;
    ctx.fillStyle = z.color;
    ctx.fillRect(pad, ly - 5 * px, 12 * px, 10 * px);
    ctx.globalAlpha = 1;
    ctx.fillStyle = theme.text;
    ctx.fillText(z.label, pad + 16 * px, ly);
  }
  return out.toDataURL('image/png');
}
