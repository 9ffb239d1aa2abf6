/** Renders a view-model Table: text through text nodes, raw numbers in data-value, fields in data-col. */
import type { Table } from '../model/view';
import { h } from './h';

export interface TableOptions {
  caption?: string;
  /** Rows become focusable and call this on click, Enter or Space. */
  onActivate?: (key: string) => void;
  className?: string;
}

export function renderTable(t: Table, o: TableOptions = {}): HTMLTableElement {
  const table = h('table', { class: o.className ?? null });
  if (o.caption) table.append(h('caption', {}, o.caption));
  table.append(h('thead', {}, h('tr', {}, t.head.map((c) => h('th', { scope: 'col', title: c.title ?? null, class: c.numeric ? 'num' : null }, c.text)))));
  const body = h('tbody');
  for (const r of t.rows) {
    const tr = h(
      'tr',
      { 'data-key': r.key, 'data-tag': r.tag ?? null, class: r.selected ? 'selected' : null, 'aria-selected': o.onActivate ? String(!!r.selected) : null, tabindex: o.onActivate ? 0 : null },
      r.cells.map((c, i) =>
        h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.numeric ? 'num' : null, 'data-col': c.col ?? null, 'data-value': c.value ?? null, title: c.title ?? null }, c.text),
      ),
    );
    if (o.onActivate) {
      const activate = o.onActivate;
      tr.addEventListener('click', () => activate(r.key));
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          activate(r.key);
        }
      });
    }
    body.append(tr);
  }
  table.append(body);
  return table;
}
