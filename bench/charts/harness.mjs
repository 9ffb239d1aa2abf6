/* global document, window, getComputedStyle */
// Shared by every candidate of the chart benchmark (bench/charts.ts): builds the panel's five chart
// models from a snapshot with the webview's own view-model, resolves the theme colors once, and lets
// the candidate's driver draw them. Each driver exports draw(el, model, colors, size) → handle, and
// destroy(handle).
import { allCharts, COLOR_TOKENS, cssVarOf } from '../../webview/model/charts.ts';

export const CHART_IDS = ['timeline', 'figure4', 'figure2', 'figure3', 'figure1'];

export function run(driver) {
  const root = document.getElementById('root');
  const els = {};
  for (const id of CHART_IDS) {
    const el = document.createElement('div');
    el.id = `${id}-chart`;
    el.className = 'chart';
    root.appendChild(el);
    els[id] = el;
  }
  let handles = [];
  const colors = () => {
    const cs = getComputedStyle(document.body);
    const out = {};
    for (const t of COLOR_TOKENS) out[t] = cs.getPropertyValue(cssVarOf(t)).trim() || '#888';
    out.text = cs.getPropertyValue('--vscode-foreground').trim() || '#444';
    out.grid = cs.getPropertyValue('--vscode-editorWidget-border').trim() || 'rgba(128,128,128,.3)';
    out.font = cs.getPropertyValue('--vscode-font-family').trim() || 'sans-serif';
    return out;
  };
  window.__bench = {
    draw(snapshot) {
      const models = allCharts(snapshot);
      const c = colors();
      handles = CHART_IDS.map((id) => driver.draw(els[id], models[id], c, { width: 720, height: 300 }));
    },
    destroy() {
      for (const h of handles) driver.destroy(h);
      handles = [];
      for (const id of CHART_IDS) els[id].replaceChildren();
    },
    // What a person would see: each container holds an svg or a canvas with something drawn on it.
    check() {
      return CHART_IDS.map((id) => {
        const el = els[id];
        const svg = el.querySelector('svg');
        const canvas = el.querySelector('canvas');
        let inked = 0;
        if (canvas) {
          const ctx = canvas.getContext('2d');
          const d = ctx ? ctx.getImageData(0, 0, canvas.width, canvas.height).data : [];
          for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) inked++;
        } else if (svg) inked = svg.querySelectorAll('path,rect,line,text').length;
        return { id, svg: !!svg, canvas: !!canvas, inked };
      });
    },
  };
  window.__evalEnd = performance.now();
}
