/** The panel's "Cheapest self-host" and "Hybrid routing" sections: text only, built with h(). */
import type { PanelSnapshot } from '../../src/shared/protocol';
import { hybridLine, rankingSubtitle, rankingTable } from '../model/ranking';
import { byId, h } from './h';
import { renderTable } from './tables';

export function rankingSections(): HTMLElement[] {
  return [
    h(
      'section',
      { id: 'hybrid-section', 'aria-labelledby': 'hybrid-heading' },
      h('h2', { id: 'hybrid-heading' }, 'Hybrid routing: single-pass tasks to the API, agentic tasks to self-host'),
      h('p', { id: 'hybrid-line' }),
    ),
    h(
      'section',
      { id: 'ranking-section', 'aria-labelledby': 'ranking-heading' },
      h('h2', { id: 'ranking-heading' }, 'Cheapest open model × GPU for this workload'),
      h('p', { id: 'ranking-sub', class: 'chart-sub' }),
      h('div', { id: 'ranking', class: 'table-wrap' }),
    ),
  ];
}

export function renderRanking(s: PanelSnapshot): void {
  byId('hybrid-line').textContent = hybridLine(s.hybrid);
  byId('hybrid-section').hidden = s.subject.kind !== 'trace' && s.subject.kind !== 'folder';
  const r = s.ranking;
  byId('ranking-sub').textContent = r ? rankingSubtitle(r) : '';
  byId('ranking').replaceChildren(r && r.rows.length ? renderTable(rankingTable(r), { className: 'ranking', caption: 'Self-host $ per task, cheapest first' }) : h('p', { class: 'empty' }, 'Nothing to rank: no workload shape, or no model fits a priced GPU.'));
}
