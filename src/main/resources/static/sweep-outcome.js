// What a sweep plan's apply did, for a person: the count of each outcome with what it
// means, and keys written so that characters a browser would not show (controls, U+FFFE,
// U+FFFF, a lone surrogate) can be seen. Text only, never HTML from data.
import { el, time } from './format.js';

export const OUTCOMES = [
  ['DELETED', 'Deleted', 'S3 confirmed the delete'],
  ['GONE', 'Gone', 'no longer in the bucket when applied: nothing to delete'],
  ['KEPT_CHANGED', 'Kept: changed', 'overwritten since the plan (ETag or LastModified differs)'],
  ['KEPT_REFERENCED', 'Kept: shown', 'a document shows it now'],
  ['FAILED', 'Failed', 'not deleted: S3 did not confirm it, or no request can name the key; it may still be there'],
];

const LABELS = Object.fromEntries(OUTCOMES.map(([outcome, label]) => [outcome, label]));

export function label(outcome) {
  return outcome ? (LABELS[outcome] || outcome) : '';
}

export function outcomeClass(outcome) {
  if (outcome === 'FAILED') {
    return 'outcome-failed';
  }
  return outcome && outcome.startsWith('KEPT_') ? 'outcome-kept' : '';
}

function total(outcomes) {
  return Object.values(outcomes || {}).reduce((sum, n) => sum + n, 0);
}

// "3 deleted, 1 failed": the outcomes that happened, for the list of plans
export function summary(outcomes) {
  return OUTCOMES.filter(([outcome]) => (outcomes || {})[outcome] > 0)
    .map(([outcome, name]) => outcomes[outcome] + ' ' + name.toLowerCase())
    .join(', ');
}

export function applyState(plan, outcomes) {
  if (plan.status === 'APPLIED') {
    return 'applied by execution ' + plan.applyExecutionId
      + (plan.appliedAt ? ', ended ' + time(plan.appliedAt) : '');
  }
  if (plan.status === 'APPLYING') {
    return 'being applied by execution ' + plan.applyExecutionId + ': ' + total(outcomes) + ' keys decided so far';
  }
  return 'not applied';
}

// one row per outcome, every outcome shown (zero too, not highlighted), and the total
export function outcomeRows(outcomes) {
  const rows = OUTCOMES.map(([outcome, name, meaning]) => el('tr', { 'data-outcome': outcome },
    el('td', { class: (outcomes || {})[outcome] > 0 ? outcomeClass(outcome) : '' }, name), el('td', { class: 'num' }, (outcomes || {})[outcome] || 0),
    el('td', { class: 'muted' }, meaning)));
  rows.push(el('tr', { class: 'total' }, el('td', {}, 'Total'), el('td', { class: 'num' }, total(outcomes)),
    el('td', {}, '')));
  return rows;
}

// a key as text a person can read: characters a browser would not show become [U+XXXX]
export function visibleKey(key) {
  let text = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const paired = c >= 0xd800 && c <= 0xdbff && i + 1 < key.length
      && key.charCodeAt(i + 1) >= 0xdc00 && key.charCodeAt(i + 1) <= 0xdfff;
    if (paired) {
      text += key[i] + key[i + 1];
      i++;
    } else if (c < 0x20 || c === 0x7f || c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff)) {
      text += '[U+' + c.toString(16).toUpperCase().padStart(4, '0') + ']';
    } else {
      text += key[i];
    }
  }
  return text;
}
