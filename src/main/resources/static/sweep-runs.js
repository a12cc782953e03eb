// The orphan sweep's executions on the dashboard: each plan made and each apply, linking to
// its plan on the sweep page (the sweep's detail lives there, not in the purge's detail).

import { el, statusBadge, time, duration, isRunning } from './format.js';

function seconds(row) {
  if (!row.startTime || !row.endTime) {
    return null;
  }
  return (new Date(row.endTime) - new Date(row.startTime)) / 1000;
}

export function renderSweepRuns(tbody, rows, selectedId) {
  if (!rows.length) {
    tbody.replaceChildren(el('tr', {}, el('td', { colspan: 6, class: 'muted' },
      'No orphan sweep yet: plans are made on the Orphan sweep page, the command line or the API.')));
    return;
  }
  tbody.replaceChildren(...rows.map((row) => el('tr', {
    'data-sweep-execution-id': row.id, 'data-status': row.status, class: row.id === selectedId ? 'selected' : null,
  },
    el('td', {}, '#' + row.id),
    el('td', { 'data-field': 'action' }, row.action || ''),
    el('td', {}, statusBadge(row.status, row.exitCode),
      row.exitCode && row.exitCode !== row.status ? el('div', { class: 'muted small' }, row.exitCode) : null),
    el('td', { class: 'nowrap' }, time(row.startTime)),
    el('td', {}, duration(seconds(row), isRunning(row.status))),
    el('td', {}, row.planId === null || row.planId === undefined ? ''
      : el('a', { href: '/sweep.html#plan-' + row.planId, 'data-plan-link': row.planId }, 'Plan ' + row.planId)))));
}
