// The trend of images deleted per night: an inline SVG bar chart, with the same figures as a
// table for screen readers and for copying.

import { el, svg, number } from './format.js';

const DAY = 24 * 60 * 60 * 1000;

function isoDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate());
}

/** One entry per day of the window, zero for a night without a real run. */
function fillDays(points, days) {
  const byDate = new Map(points.map((p) => [p.date, p]));
  const today = new Date();
  const last = points.length ? points.map((p) => p.date).sort().at(-1) : isoDate(today);
  const end = last > isoDate(today) ? new Date(last + 'T00:00:00') : today;
  const filled = [];
  for (let i = days - 1; i >= 0; i--) {
    const date = isoDate(new Date(end.getTime() - i * DAY));
    const point = byDate.get(date);
    filled.push({
      date,
      imagesDeleted: point ? Number(point.imagesDeleted || 0) : 0,
      documentsPurged: point ? Number(point.documentsPurged || 0) : 0,
      ran: Boolean(point),
    });
  }
  return filled;
}

export function renderTrend(container, points, days) {
  const data = fillDays(points || [], days);
  const max = Math.max(1, ...data.map((d) => d.imagesDeleted));
  const barWidth = 20;
  const gap = 4;
  const height = 120;
  const left = 44;
  const bottom = 20;
  const width = left + data.length * (barWidth + gap);
  const chart = svg('svg', {
    id: 'trend-chart',
    viewBox: `0 0 ${width} ${height + bottom}`,
    role: 'img',
    'aria-label': 'Images deleted per night over the last ' + days + ' days; the table below has the figures',
    preserveAspectRatio: 'xMinYMin meet',
  });
  chart.appendChild(svg('line', { x1: left - 4, y1: height, x2: width, y2: height, class: 'axis' }));
  chart.appendChild(svg('text', { x: left - 8, y: 10, class: 'axis-label', 'text-anchor': 'end' }, number(max)));
  chart.appendChild(svg('text', { x: left - 8, y: height, class: 'axis-label', 'text-anchor': 'end' }, '0'));
  data.forEach((d, i) => {
    const x = left + i * (barWidth + gap);
    const barHeight = d.imagesDeleted ? Math.max(2, Math.round((d.imagesDeleted / max) * (height - 12))) : 0;
    const bar = svg('rect', {
      x,
      y: height - barHeight,
      width: barWidth,
      height: barHeight,
      class: 'bar',
      'data-date': d.date,
      'data-images-deleted': d.imagesDeleted,
    });
    bar.appendChild(svg('title', {}, `${d.date}: ${number(d.imagesDeleted)} images deleted, `
      + `${number(d.documentsPurged)} documents purged${d.ran ? '' : ' (no run)'}`));
    chart.appendChild(bar);
    if (i % 7 === data.length % 7 || i === data.length - 1) {
      chart.appendChild(svg('text', { x: x + barWidth / 2, y: height + 14, class: 'axis-label', 'text-anchor': 'middle' },
        d.date.substring(5)));
    }
  });
  const nights = data.filter((d) => d.ran);
  const table = el('table', { id: 'trend-table' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Night'),
      el('th', { scope: 'col', class: 'num' }, 'Images deleted'),
      el('th', { scope: 'col', class: 'num' }, 'Documents purged'))),
    el('tbody', {}, nights.length
      ? nights.map((d) => el('tr', { 'data-date': d.date },
        el('td', {}, d.date), el('td', { class: 'num' }, number(d.imagesDeleted)),
        el('td', { class: 'num' }, number(d.documentsPurged))))
      : el('tr', {}, el('td', { colspan: 3, class: 'muted' }, 'No real run in this period.'))));
  container.replaceChildren(chart, el('details', {}, el('summary', {}, 'Show the figures as a table'), table));
}
