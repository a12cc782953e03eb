// The orphan sweep's page: plans with their totals, one plan's candidates and dangling
// references page by page, and the Apply action for operators (the API refuses it to
// viewers anyway). Every value is written as text, never as HTML.
import { getJson, postJson, signOut } from './api.js';
import { isoDuration, rate, time, zoneName } from './format.js';
import { applyState, label, outcomeClass, outcomeRows, summary, visibleKey } from './sweep-outcome.js';

const PAGE = 50;
const POLL_MS = 2000;
let operator = false;
// an apply was asked for and the plan still reads READY: follow it until it moves on
let awaitingApply = false;
// the plan whose apply this page started: its notice goes once the apply has ended
let noticeOfApply = null;
let pollTimer = null;
let planId = null;
let orphansOffset = 0;
let danglingOffset = 0;
let issuesOffset = 0;

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  row.appendChild(td);
  return td;
}

function bytes(n) {
  if (n < 1024) {
    return n + ' B';
  }
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return value.toFixed(1) + ' ' + units[unit];
}

function show(id, text) {
  const element = document.getElementById(id);
  element.textContent = text;
  element.hidden = !text;
}

function running(status) {
  return status === 'PLANNING' || status === 'APPLYING';
}

/** @return whether a plan of the list is being made or applied */
async function loadPlans() {
  const plans = await getJson('/api/sweep/plans?limit=50');
  const body = document.querySelector('#plans tbody');
  body.replaceChildren();
  for (const answer of plans) {
    const plan = answer.plan;
    const row = document.createElement('tr');
    const link = document.createElement('a');
    // the address says which plan is shown: hashchange selects it (Back and Forward too)
    link.href = '#plan-' + plan.planId;
    link.textContent = plan.planId;
    cell(row, '').appendChild(link);
    cell(row, plan.status);
    cell(row, time(plan.createdAt));
    cell(row, plan.prefixes.join(', '));
    cell(row, answer.orphanObjects);
    cell(row, bytes(answer.reclaimableBytes));
    cell(row, plan.danglingReferences);
    cell(row, summary(answer.outcomes) || (plan.status === 'READY' ? 'not applied' : ''));
    row.dataset.planId = plan.planId;
    body.appendChild(row);
  }
  return plans.some((answer) => running(answer.plan.status));
}

// the plan to show from now on, from its first pages (reload() loads it)
function selectPlan(id) {
  planId = id;
  orphansOffset = 0;
  danglingOffset = 0;
  issuesOffset = 0;
}

function source(planSource) {
  return (planSource && planSource.manifest)
    ? 'S3 Inventory ' + planSource.manifest + ' (created ' + time(planSource.manifestCreatedAt) + ')'
    : 'listing';
}

/** @return whether the plan shown is being made or applied, or an apply of it was just asked for */
async function loadPlan() {
  const answer = await getJson('/api/sweep/plans/' + planId);
  const plan = answer.plan;
  if (plan.status !== 'READY') {
    awaitingApply = false;
  }
  if (noticeOfApply === plan.planId && !awaitingApply && !running(plan.status)) {
    show('message', '');
    noticeOfApply = null;
  }
  document.getElementById('plan').hidden = false;
  document.getElementById('plan-heading').textContent = 'Plan ' + plan.planId + ' (' + plan.status + ')';
  document.getElementById('plan-summary').textContent = answer.orphanObjects + ' orphans, '
    + bytes(answer.reclaimableBytes) + ' reclaimable; minimum age ' + isoDuration(plan.minAge)
    + '; false-keep rate ' + rate(plan.falseKeepRate) + '; source: ' + source(plan.source);
  document.getElementById('apply-state').textContent = '(' + applyState(plan, answer.outcomes) + ')';
  const applied = plan.status === 'APPLIED' || plan.status === 'APPLYING';
  document.getElementById('outcomes').hidden = !applied;
  document.querySelector('#outcomes tbody').replaceChildren(...(applied ? outcomeRows(answer.outcomes) : []));
  document.getElementById('apply').hidden = !(operator && plan.status === 'READY' && !awaitingApply);
  document.getElementById('apply-viewer-note').hidden = operator || plan.status !== 'READY';
  const totals = document.querySelector('#totals tbody');
  totals.replaceChildren();
  for (const t of plan.totals) {
    const row = document.createElement('tr');
    [t.prefix, t.objectsListed, t.objectsYoung, t.objectsReferenced, t.orphanObjects, bytes(t.orphanBytes)]
      .forEach((value) => cell(row, value));
    totals.appendChild(row);
  }
  document.getElementById('orphans-csv').href = '/api/sweep/plans/' + planId + '/orphans.csv';
  await loadIssues(applied);
  await loadOrphans();
  await loadDangling();
  return running(plan.status) || awaitingApply;
}

/**
 * Reloads the list and the plan shown; while a plan is being made or applied, again every
 * two seconds, so an apply is followed to its end without Refresh.
 */
async function reload() {
  clearTimeout(pollTimer);
  const listBusy = await loadPlans();
  const planBusy = planId !== null && await loadPlan();
  if (listBusy || planBusy) {
    pollTimer = setTimeout(() => guarded(reload), POLL_MS);
  }
}

function showPlanOfAddress() {
  const wanted = window.location.hash.match(/^#plan-(\d+)$/);
  if (wanted) {
    selectPlan(Number(wanted[1]));
  } else {
    planId = null;
    document.getElementById('plan').hidden = true;
  }
}

async function loadIssues(applied) {
  document.getElementById('issues-panel').hidden = !applied;
  if (!applied) {
    return;
  }
  const page = await getJson('/api/sweep/plans/' + planId + '/issues?offset=' + issuesOffset + '&limit=' + PAGE);
  const body = document.querySelector('#issues tbody');
  body.replaceChildren();
  for (const o of page.items) {
    const row = document.createElement('tr');
    cell(row, visibleKey(o.key)).className = 'key';
    cell(row, label(o.outcome)).className = outcomeClass(o.outcome);
    cell(row, o.outcomeReason);
    body.appendChild(row);
  }
  if (page.total === 0) {
    const row = document.createElement('tr');
    cell(row, 'None: every key was deleted or already gone.').colSpan = 3;
    body.appendChild(row);
  }
  document.getElementById('issues-count').textContent = '(' + page.total + ')';
  document.getElementById('issues-prev').disabled = issuesOffset === 0;
  document.getElementById('issues-next').disabled = issuesOffset + PAGE >= page.total;
}

async function loadOrphans() {
  const page = await getJson('/api/sweep/plans/' + planId + '/orphans?offset=' + orphansOffset + '&limit=' + PAGE);
  const body = document.querySelector('#orphans tbody');
  body.replaceChildren();
  for (const o of page.items) {
    const row = document.createElement('tr');
    cell(row, visibleKey(o.key)).className = 'key';
    cell(row, bytes(o.size)).className = 'nowrap';
    cell(row, time(o.lastModified));
    cell(row, o.eTag).className = 'long-word';
    cell(row, label(o.outcome));
    body.appendChild(row);
  }
  document.getElementById('orphans-count').textContent = '(' + page.total + ')';
  document.getElementById('orphans-prev').disabled = orphansOffset === 0;
  document.getElementById('orphans-next').disabled = orphansOffset + PAGE >= page.total;
}

async function loadDangling() {
  const page = await getJson('/api/sweep/plans/' + planId + '/dangling?offset=' + danglingOffset + '&limit=' + PAGE);
  const body = document.querySelector('#dangling tbody');
  body.replaceChildren();
  for (const d of page.items) {
    const row = document.createElement('tr');
    [d.documentId, d.contentType, d.field].forEach((value) => cell(row, value));
    cell(row, d.url).className = 'long-word';
    cell(row, d.live ? 'live' : 'deleted');
    body.appendChild(row);
  }
  document.getElementById('dangling-count').textContent = '(' + page.total + ')';
  document.getElementById('dangling-prev').disabled = danglingOffset === 0;
  document.getElementById('dangling-next').disabled = danglingOffset + PAGE >= page.total;
}

async function guarded(action) {
  show('error', '');
  try {
    await action();
  } catch (e) {
    show('error', e.message);
  }
}

document.getElementById('refresh').addEventListener('click', () => guarded(reload));
window.addEventListener('hashchange', () => guarded(async () => {
  document.getElementById('plan').hidden = true;
  showPlanOfAddress();
  await reload();
}));
document.getElementById('apply').addEventListener('click', () => guarded(async () => {
  if (!window.confirm('Apply plan ' + planId + '? Its keys still unreferenced and unchanged are deleted.')) {
    return;
  }
  const started = await postJson('/api/sweep/plans/' + planId + '/apply');
  show('message', started.message);
  document.getElementById('apply').hidden = true;
  awaitingApply = true;
  noticeOfApply = planId;
  await reload();
}));
document.getElementById('issues-prev').addEventListener('click',
  () => guarded(async () => { issuesOffset = Math.max(0, issuesOffset - PAGE); await loadIssues(true); }));
document.getElementById('issues-next').addEventListener('click',
  () => guarded(async () => { issuesOffset += PAGE; await loadIssues(true); }));
document.getElementById('orphans-prev').addEventListener('click',
  () => guarded(async () => { orphansOffset = Math.max(0, orphansOffset - PAGE); await loadOrphans(); }));
document.getElementById('orphans-next').addEventListener('click',
  () => guarded(async () => { orphansOffset += PAGE; await loadOrphans(); }));
document.getElementById('dangling-prev').addEventListener('click',
  () => guarded(async () => { danglingOffset = Math.max(0, danglingOffset - PAGE); await loadDangling(); }));
document.getElementById('dangling-next').addEventListener('click',
  () => guarded(async () => { danglingOffset += PAGE; await loadDangling(); }));

document.getElementById('logout').addEventListener('click', signOut);
document.getElementById('time-zone').textContent = 'Times in ' + zoneName();

guarded(async () => {
  const me = await getJson('/api/me');
  operator = me.operator;
  document.getElementById('whoami').textContent = me.username + (operator ? ' (operator)' : ' (viewer)');
  showPlanOfAddress();
  await reload();
  document.body.dataset.loaded = 'true';
});
