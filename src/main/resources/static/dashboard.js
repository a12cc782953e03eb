// The media-purge dashboard: recent executions, the trend of images deleted per night, one
// execution in detail, and the operator actions. Refreshes itself, faster while a run is going.

import { getJson, postJson, signOut } from './api.js';
import { el, isRunning, zoneName } from './format.js';
import { renderTrend } from './trend.js';
import { renderExecutions, renderDetail } from './views.js';
import { renderSweepRuns } from './sweep-runs.js';

const LIST_LIMIT = 50;
const DETAILED_ROWS = 10;
const TREND_DAYS = 30;
const SWEEP_RUNS = 10;
const FAST_REFRESH_MS = 2000;
const SLOW_REFRESH_MS = 30000;
const FINISHED = ['COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED'];

const state = {
  me: null,
  selectedId: null,
  executions: [],
  details: new Map(),
  timer: null,
  refreshing: null,
};

const $ = (id) => document.getElementById(id);

function showMessage(text) {
  const box = $('message');
  box.textContent = text || '';
  box.hidden = !text;
}

function showError(error) {
  const box = $('error');
  const text = error ? (error.message || String(error)) : '';
  box.textContent = text;
  box.hidden = !text;
  if (error && error.status) {
    box.dataset.status = error.status;
  } else {
    delete box.dataset.status;
  }
}

function selectedFromHash() {
  const match = /^#execution-(\d+)$/.exec(window.location.hash);
  return match ? Number(match[1]) : null;
}

async function detailOf(execution) {
  const cached = state.details.get(execution.id);
  if (cached && FINISHED.includes(execution.status) && cached.status === execution.status) {
    return cached;
  }
  const detail = await getJson('/api/executions/' + execution.id);
  state.details.set(execution.id, detail);
  return detail;
}

async function loadExecutions() {
  state.executions = (await getJson('/api/executions?limit=' + LIST_LIMIT)) || [];
  await Promise.all(state.executions.slice(0, DETAILED_ROWS).map((e) => detailOf(e).catch(() => null)));
  const known = new Set(state.executions.map((e) => e.id));
  for (const id of state.details.keys()) {
    if (!known.has(id) && id !== state.selectedId) {
      state.details.delete(id);
    }
  }
}

async function loadDetail() {
  const id = state.selectedId ?? (state.executions.length ? state.executions[0].id : null);
  const container = $('detail-body');
  if (id === null) {
    container.replaceChildren();
    container.textContent = 'No purge run yet.';
    return;
  }
  let detail;
  try {
    detail = await getJson('/api/executions/' + id);
  } catch (error) {
    if (error.status !== 404 || state.selectedId === null) {
      throw error;
    }
    // not a purge run: an orphan sweep's plan or apply (its detail is its plan, on the sweep
    // page), or a stale link or bookmark; say which where the execution would be, and go on
    container.replaceChildren(await notPurgeRun(id));
    delete $('detail').dataset.executionId;
    return;
  }
  state.details.set(id, detail);
  renderDetail(container, detail, state.me && !state.me.operator ? null : runAction);
  $('detail').dataset.executionId = String(id);
}

/** What the detail says for an id that is no purge run: the orphan sweep's run it is, or that there is none. */
async function notPurgeRun(id) {
  const sweep = ((await getJson('/api/sweep/executions?limit=500')) || []).find((row) => row.id === id);
  if (!sweep) {
    return el('p', { id: 'detail-missing', class: 'notice notice-error' }, 'There is no run #' + id + ' to show: '
      + 'no purge run or orphan sweep run has that number (it may have been pruned). Choose one above.');
  }
  const hasPlan = sweep.planId !== null && sweep.planId !== undefined;
  const did = !hasPlan ? '' : (sweep.action === 'apply' ? ' it applied plan ' : ' it made plan ') + sweep.planId + ' ('
    + sweep.status + ').';
  return el('p', { id: 'detail-sweep-execution', class: 'notice notice-info', 'data-plan-id': hasPlan ? sweep.planId : null },
    'Execution #' + id + ' is an orphan sweep run, not a purge run:' + did + ' '
      + (sweep.action === 'apply' ? 'What it deleted and kept is' : 'Its candidates are')
      + ' on the Orphan sweep page' + (hasPlan ? ': ' : '.'),
    hasPlan ? el('a', { href: '/sweep.html#plan-' + sweep.planId }, 'Plan ' + sweep.planId) : null, hasPlan ? '.' : null);
}

async function loadTrend() {
  const points = await getJson('/api/trend?days=' + TREND_DAYS);
  renderTrend($('trend'), points || [], TREND_DAYS);
}

function scheduleRefresh() {
  clearTimeout(state.timer);
  const busy = state.executions.some((e) => isRunning(e.status))
    || [...state.details.values()].some((d) => d && isRunning(d.status) && d.id === state.selectedId);
  state.timer = setTimeout(() => refresh(), busy ? FAST_REFRESH_MS : SLOW_REFRESH_MS);
}

async function refresh() {
  if (state.refreshing) {
    // a refresh is under way with what was selected before: run once more after it
    return state.refreshing.then(() => refresh());
  }
  state.refreshing = (async () => {
    try {
      await loadExecutions();
      renderExecutions($('executions-body'), state.executions, state.details,
        state.selectedId ?? state.executions[0]?.id);
      await loadDetail();
      renderSweepRuns($('sweep-runs-body'), (await getJson('/api/sweep/executions?limit=' + SWEEP_RUNS)) || [],
        state.selectedId);
      // every time: a run that ended since the last refresh changes today's bar
      await loadTrend();
      $('last-updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
      document.body.dataset.loaded = 'true';
    } catch (error) {
      showError(error);
    } finally {
      state.refreshing = null;
      scheduleRefresh();
    }
  })();
  return state.refreshing;
}

function select(id) {
  if (id !== null && id !== undefined) {
    window.location.hash = 'execution-' + id;
  }
}

async function runAction(action, executionId, button) {
  if (action === 'abandon' && !window.confirm('Abandon execution #' + executionId + '? It can never be restarted.')) {
    return;
  }
  const buttons = document.querySelectorAll('#detail-actions button');
  buttons.forEach((b) => { b.disabled = true; });
  showError(null);
  showMessage('Sending ' + action + ' for execution #' + executionId + '…');
  try {
    const answer = await postJson('/api/executions/' + executionId + '/' + action);
    showMessage((answer && answer.message) || (action + ' accepted for execution #' + executionId));
    state.details.delete(executionId);
    if (answer && answer.id && answer.id !== executionId) {
      select(answer.id);
    }
  } catch (error) {
    showMessage(null);
    showError(error);
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
    if (button) {
      button.focus();
    }
    await refresh();
  }
}

async function startRun(event) {
  event.preventDefault();
  const typesText = $('start-content-types').value.trim();
  const contentTypes = typesText ? typesText.split(/[\s,]+/).filter(Boolean) : [];
  const dryRun = $('start-dry-run').checked;
  const submit = $('start-form').querySelector('button[type=submit]');
  submit.disabled = true;
  showError(null);
  showMessage('Starting a ' + (dryRun ? 'dry run' : 'run') + '…');
  try {
    const answer = await postJson('/api/executions', { dryRun, contentTypes });
    showMessage((answer && answer.message) || 'Started execution #' + (answer && answer.id));
    if (answer && answer.id) {
      select(answer.id);
    }
  } catch (error) {
    showMessage(null);
    showError(error);
  } finally {
    submit.disabled = false;
    await refresh();
  }
}

/** Who is signed in, so a viewer is not offered what only an operator may do. */
async function loadMe() {
  try {
    state.me = await getJson('/api/me');
  } catch (error) {
    state.me = null; // without it every control is shown, and the API still refuses what is not allowed
  }
  const who = $('whoami');
  if (state.me && state.me.username) {
    const role = state.me.operator ? 'operator' : 'viewer';
    who.textContent = 'Signed in as ' + state.me.username + ' (' + role + ')';
    who.dataset.role = role;
    who.hidden = false;
  }
  const viewer = state.me && !state.me.operator;
  $('start-form').hidden = Boolean(viewer);
  $('start-help').hidden = Boolean(viewer);
  $('start-viewer-note').hidden = !viewer;
}

async function init() {
  state.selectedId = selectedFromHash();
  $('start-form').addEventListener('submit', startRun);
  $('refresh').addEventListener('click', () => {
    showError(null);
    refresh();
  });
  $('logout').addEventListener('click', signOut);
  window.addEventListener('hashchange', () => {
    state.selectedId = selectedFromHash();
    showError(null);
    refresh().then(() => $('detail').scrollIntoView({ block: 'start' }));
  });
  $('time-zone').textContent = 'Times in ' + zoneName();
  await loadMe();
  refresh();
}

init();
