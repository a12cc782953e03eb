// Renders the list of executions and the detail of one execution.

import { el, time, duration, number, statusBadge, reasons, isRunning } from './format.js';

const ACTION_LABELS = {
  restart: 'Restart',
  stop: 'Stop',
  recover: 'Recover',
  abandon: 'Abandon',
};

const ACTION_HELP = {
  restart: 'Run the failed or stopped content types again, as a new execution of the same job instance.',
  stop: 'Ask the run to stop at the end of its current chunk; it can be restarted later.',
  recover: 'Mark an execution left running by a killed process as failed, so it can be restarted.',
  abandon: 'Give up on this execution for good: it will never be restarted.',
};

function count(n, noun) {
  return number(n) + ' ' + noun + (Number(n) === 1 ? '' : 's');
}

function totals(summary) {
  return summary || {};
}

function mode(execution) {
  const types = execution.contentTypes && execution.contentTypes.length ? execution.contentTypes.join(', ') : 'all types';
  return [execution.dryRun ? el('span', { class: 'badge badge-dry', 'data-dry-run': 'true' }, 'dry run') : 'purge',
    el('span', { class: 'muted' }, ' · ' + types)];
}

function perContentType(detail) {
  if (!detail) {
    return el('span', { class: 'muted' }, '…');
  }
  const steps = (detail.steps || []).filter((s) => s.contentType);
  if (!steps.length) {
    return el('span', { class: 'muted' }, 'no content-type step');
  }
  // a content type the run was not asked for ends COMPLETED at once: it did not run
  const notSelected = steps.filter((step) => step.selected === false);
  const idle = steps.filter((step) => !notSelected.includes(step) && step.status === 'COMPLETED'
    && !(step.summary && step.summary.documentsRead));
  const busy = steps.filter((step) => !idle.includes(step) && !notSelected.includes(step));
  return el('ul', { class: 'per-type' }, busy.map((step) => {
    const s = totals(step.summary);
    return el('li', {
      'data-content-type': step.contentType,
      'data-documents-purged': s.documentsPurged ?? 0,
      'data-images-deleted': s.imagesDeleted ?? 0,
      'data-step-status': step.status,
    }, el('strong', {}, step.contentType), ': ',
    detail.dryRun
      ? 'would purge ' + number(s.documentsPurged ?? 0) + ', delete ' + count(s.imagesDeleted ?? 0, 'image')
      : number(s.documentsPurged ?? 0) + ' purged, ' + count(s.imagesDeleted ?? 0, 'image') + ' deleted',
    (s.documentsSkipped || s.documentsBlocked)
      ? ', ' + number(s.documentsSkipped || 0) + ' skipped, ' + number(s.documentsBlocked || 0) + ' blocked' : '',
    step.status !== 'COMPLETED' ? ' (' + (isRunning(step.status) ? 'so far, ' : '') + step.status + ')' : '');
  }), idle.length ? el('li', { class: 'muted', 'data-idle-content-types': idle.map((step) => step.contentType).join(',') },
    'nothing due: ' + idle.map((step) => step.contentType).join(', ')) : null,
  notSelected.length ? el('li', {
    class: 'muted', 'data-not-selected-content-types': notSelected.map((step) => step.contentType).join(','),
  }, 'not run (not selected): ' + notSelected.map((step) => step.contentType).join(', ')) : null);
}

export function renderExecutions(tbody, executions, details, selectedId) {
  if (!executions.length) {
    tbody.replaceChildren(el('tr', {}, el('td', { colspan: 10, class: 'muted' }, 'No purge run yet.')));
    return;
  }
  const firstOfInstance = new Map();
  [...executions].reverse().forEach((e) => {
    if (!firstOfInstance.has(e.instanceId)) {
      firstOfInstance.set(e.instanceId, e.id);
    }
  });
  tbody.replaceChildren(...executions.map((execution) => {
    const t = totals(execution.totals);
    const original = firstOfInstance.get(execution.instanceId);
    return el('tr', {
      'data-execution-id': execution.id,
      'data-status': execution.status,
      'data-exit-code': execution.exitCode,
      class: execution.id === selectedId ? 'selected' : null,
      'aria-current': execution.id === selectedId ? 'true' : null,
    },
    el('td', {}, el('a', { href: '#execution-' + execution.id, 'data-execution-link': execution.id }, '#' + execution.id),
      original !== undefined && original !== execution.id
        ? el('span', { class: 'muted small' }, ' restart of #' + original) : null),
    el('td', {}, statusBadge(execution.status, execution.exitCode),
      execution.exitCode && execution.exitCode !== execution.status
        ? el('div', { class: 'muted small', 'data-field': 'exitCode' }, execution.exitCode) : null),
    el('td', { class: 'nowrap' }, time(execution.startTime)),
    el('td', {}, duration(execution.durationSeconds, isRunning(execution.status))),
    el('td', {}, mode(execution)),
    // a dry run deleted nothing: its figures are what a real run would do
    el('td', { class: 'num', 'data-field': 'documentsPurged' }, (execution.dryRun ? 'would ' : '') + number(t.documentsPurged)),
    el('td', { class: 'num', 'data-field': 'imagesDeleted' }, (execution.dryRun ? 'would ' : '') + number(t.imagesDeleted)),
    el('td', { class: 'num', 'data-field': 'documentsSkipped' }, number(t.documentsSkipped)),
    el('td', { class: 'num', 'data-field': 'documentsBlocked' }, number(t.documentsBlocked)),
    el('td', {}, perContentType(details.get(execution.id))));
  }));
}

const SUMMARY_COLUMNS = [
  ['documentsRead', 'Read'], ['documentsPurged', 'Purged'], ['documentsSkipped', 'Skipped'],
  ['documentsBlocked', 'Blocked'], ['documentsRestored', 'Restored'], ['documentsQuarantined', 'Quarantined'],
  ['imagesDeleted', 'Images deleted'], ['imagesShared', 'Kept (shared)'], ['imagesExternal', 'External'],
  ['imagesOtherBucket', 'Other bucket'], ['imagesAlreadyAbsent', 'Already absent'], ['imagesFailed', 'Failed'], ['s3Requests', 'S3 requests'],
];

const DRY_RUN_LABELS = { documentsPurged: 'Would purge', imagesDeleted: 'Would delete' };

function stepsTable(steps, dryRun) {
  if (!steps || !steps.length) {
    return el('p', { class: 'muted' }, 'No step ran.');
  }
  return el('div', { class: 'table-wrap' }, el('table', { id: 'detail-steps' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Step'), el('th', { scope: 'col' }, 'Status'),
      SUMMARY_COLUMNS.map(([key, label]) => el('th', { scope: 'col', class: 'num', 'data-column': key },
        (dryRun && DRY_RUN_LABELS[key]) || label)),
      el('th', { scope: 'col' }, 'Skip / block reasons'))),
    el('tbody', {}, steps.map((step) => {
      const s = totals(step.summary);
      if (step.selected === false) {
        return el('tr', { 'data-step': step.name, 'data-content-type': step.contentType, 'data-not-selected': 'true' },
          el('th', { scope: 'row', class: 'nowrap', title: step.name }, step.contentType || step.name),
          el('td', { colspan: SUMMARY_COLUMNS.length + 2, class: 'muted' }, 'not run (not selected for this run)'));
      }
      return el('tr', { 'data-step': step.name, 'data-content-type': step.contentType },
        el('th', { scope: 'row', class: 'nowrap', title: step.name }, step.contentType || step.name),
        el('td', {}, statusBadge(step.status, step.exitCode)),
        SUMMARY_COLUMNS.map(([key]) => el('td', { class: 'num', 'data-field': key }, number(s[key] ?? 0))),
        el('td', { class: 'reasons', 'data-field': 'reasons' },
          [reasons(s.skipReasons), reasons(s.blockReasons)].filter(Boolean).join('; ')));
    }))));
}

/** While it runs: where it is, its pace, and whether S3 pushes back. */
function progressPanel(detail) {
  const progress = detail.progress;
  if (!progress) {
    return null;
  }
  const t = totals(detail.totals);
  const rate = Number(progress.documentsPerSecond || 0).toLocaleString(undefined, { maximumFractionDigits: 1 });
  const s3 = detail.s3;
  return el('section', { id: 'detail-progress', 'aria-label': 'Progress', 'data-documents-read': t.documentsRead ?? 0,
    'data-images-deleted': t.imagesDeleted ?? 0, 'data-steps': (progress.steps || []).join(',') },
  el('h3', {}, 'Progress'),
  el('p', {}, (progress.steps && progress.steps.length ? 'Running ' + progress.steps.join(', ') : 'Between steps')
    + ': ' + count(t.documentsRead ?? 0, 'document') + ' read (' + rate + ' a second), '
    + (detail.dryRun ? 'would purge ' + number(t.documentsPurged ?? 0) + ', would delete '
      + count(t.imagesDeleted ?? 0, 'image')
      : number(t.documentsPurged ?? 0) + ' purged, ' + count(t.imagesDeleted ?? 0, 'image') + ' deleted')
    + ', ' + count(t.s3Requests ?? 0, 'S3 request') + ' so far. Last chunk: '
    + (progress.lastChunkAt ? time(progress.lastChunkAt) : 'none yet') + '.'),
  s3 ? el('p', {
    id: 'detail-s3', class: s3.throttledRequests || s3.failedRequests || s3.throttleAnswers ? 'notice notice-warn' : 'muted',
    'data-s3-throttled': s3.throttledRequests, 'data-s3-failed': s3.failedRequests,
  }, s3.throttledRequests || s3.failedRequests || s3.throttleAnswers
    ? 'S3 is pushing back: ' + count(s3.throttledRequests, 'request') + ' throttled (SlowDown), '
      + count(s3.failedRequests, 'request') + ' failed, all being retried with backoff'
      + (s3.keysPerSecond != null ? '; deleting at most ' + number(s3.keysPerSecond) + ' keys a second now'
        + (s3.keysPerSecondLimit != null ? ' (limit ' + number(s3.keysPerSecondLimit) + ')' : '') : '') + '.'
    : 'S3: no throttling and no retried request so far.') : null);
}

function eventsTable(events, eventCount) {
  if (!events || !events.length) {
    return el('p', { class: 'muted', id: 'detail-events-empty' }, 'No skipped, blocked, quarantined or restored document.');
  }
  const more = eventCount && eventCount > events.length
    ? el('p', { class: 'muted' }, 'Showing the first ' + number(events.length) + ' of ' + number(eventCount) + ' documents.')
    : null;
  return el('div', { class: 'table-wrap' }, more, el('table', { id: 'detail-events' },
    el('thead', {}, el('tr', {}, ['Content type', 'Document', 'Event', 'Reason code', 'Reason', 'Image key', 'When']
      .map((label) => el('th', { scope: 'col' }, label)))),
    el('tbody', {}, events.map((event) => el('tr', {
      'data-document-id': event.documentId, 'data-event': event.event, 'data-reason-code': event.reasonCode,
    },
    el('td', {}, event.contentType), el('td', {}, el('code', {}, event.documentId)),
    el('td', {}, el('span', { class: 'badge badge-' + (event.event === 'RESTORED' ? 'neutral' : 'warn') }, event.event)),
    el('td', {}, el('code', {}, event.reasonCode)), el('td', { class: 'reason' }, event.reason),
    el('td', { class: 'key' }, event.imageKey ? el('code', {}, event.imageKey) : ''), el('td', { class: 'nowrap' }, time(event.occurredAt)))))));
}

function actionButtons(detail, onAction) {
  const actions = (detail.actions || []).filter((a) => ACTION_LABELS[a]);
  if (!actions.length) {
    return el('p', { class: 'muted', id: 'detail-no-actions' }, 'No action applies to this execution now.');
  }
  if (!onAction) {
    return el('p', { class: 'muted', id: 'detail-viewer-actions' }, 'Applies now: '
      + actions.map((a) => ACTION_LABELS[a].toLowerCase()).join(', ') + ' (operators only).');
  }
  return el('div', { class: 'actions', id: 'detail-actions' }, actions.map((action) =>
    el('button', {
      type: 'button',
      class: action === 'abandon' || action === 'stop' ? 'danger' : null,
      'data-action': action,
      'data-execution-id': detail.id,
      title: ACTION_HELP[action],
      onclick: (event) => onAction(action, detail.id, event.currentTarget),
    }, ACTION_LABELS[action])));
}

export function renderDetail(container, detail, onAction) {
  const t = totals(detail.totals);
  const facts = [
    ['Status', statusBadge(detail.status, detail.exitCode)],
    // the failures below already carry the exit description of a failed or stopped run
    ['Exit status', [el('code', { id: 'detail-exit-code' }, detail.exitCode || ''),
      detail.exitDescription && !(detail.failures || []).includes(detail.exitDescription)
        ? el('pre', { class: 'exit-description' }, detail.exitDescription) : null]],
    ['Job instance', String(detail.instanceId ?? '')],
    ['Started', time(detail.startTime)],
    ['Ended', time(detail.endTime)],
    ['Duration', duration(detail.durationSeconds, isRunning(detail.status))],
    ['Mode', mode(detail)],
    [isRunning(detail.status) ? 'Totals so far' : 'Totals', (detail.dryRun
      ? 'would purge ' + count(t.documentsPurged ?? 0, 'document') + ', would delete ' + count(t.imagesDeleted ?? 0, 'image')
      : count(t.documentsPurged ?? 0, 'document') + ' purged, ' + count(t.imagesDeleted ?? 0, 'image') + ' deleted')
      + ', ' + number(t.documentsSkipped ?? 0) + ' skipped, ' + number(t.documentsBlocked ?? 0)
      + ' blocked, ' + number(t.documentsQuarantined ?? 0) + ' quarantined, ' + number(t.documentsRestored ?? 0)
      + ' restored'],
  ];
  const plan = detail.dryRun ? el('p', { id: 'detail-plan' },
    'A dry run deletes nothing: its counts say what a real run would do, and its plan lists each document and image. Plan: ',
    el('a', { href: '/api/executions/' + detail.id + '/plan', id: 'plan-json', target: '_blank', rel: 'noopener' }, 'JSON'),
    ' · ',
    el('a', { href: '/api/executions/' + detail.id + '/plan.csv', id: 'plan-csv', download: 'plan-' + detail.id + '.csv' }, 'CSV'))
    : null;
  const failures = detail.failures && detail.failures.length
    ? el('section', { 'aria-label': 'Failures' }, el('h3', {}, 'Failures'),
      el('ul', { id: 'detail-failures', class: 'failures' }, detail.failures.map((f) => el('li', {}, el('pre', {}, f)))))
    : null;
  container.replaceChildren(el('div', {
    id: 'detail-execution', 'data-execution-id': detail.id, 'data-status': detail.status, 'data-exit-code': detail.exitCode,
  },
  el('h3', {}, 'Execution #' + detail.id),
  actionButtons(detail, onAction),
  el('dl', { class: 'facts' }, facts.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)])),
  progressPanel(detail),
  plan,
  failures,
  el('h3', {}, 'Steps'),
  stepsTable(detail.steps, detail.dryRun),
  el('h3', {}, 'Skipped, blocked, quarantined and restored documents'),
  eventsTable(detail.events, detail.eventCount)));
}
