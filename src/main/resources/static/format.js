// DOM building (text only, never HTML from data) and formatting helpers.

export function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

export function svg(tag, attributes, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    element.setAttribute(name, String(value));
  }
  for (const child of children) {
    element.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

const TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  timeZoneName: 'short',
});

/** The browser's time zone, in which the page shows every time. */
export function zoneName() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'the browser\'s time zone';
}

/** A timestamp of the API: with a zone it is shown in the browser's zone, named; without as given. */
export function time(value) {
  if (!value) {
    return '';
  }
  const text = String(value);
  if (/([zZ]|[+-]\d\d:?\d\d)$/.test(text)) {
    const date = new Date(text);
    return isNaN(date) ? text : TIME.format(date);
  }
  return text.replace('T', ' ').replace(/\.\d+$/, '');
}

export function duration(seconds, running) {
  if (seconds === null || seconds === undefined) {
    return running ? 'running' : '';
  }
  const total = Math.round(Number(seconds));
  if (total < 60) {
    return total + ' s';
  }
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  return (hours ? hours + ' h ' : '') + minutes + ' min' + (rest && !hours ? ' ' + rest + ' s' : '');
}

export function number(value) {
  return value === null || value === undefined ? '' : Number(value).toLocaleString();
}

export const RUNNING = ['STARTING', 'STARTED', 'STOPPING'];

export function isRunning(status) {
  return RUNNING.includes(status);
}

export function statusBadge(status, exitCode) {
  const kind = status === 'COMPLETED'
    ? (exitCode && exitCode !== 'COMPLETED' ? 'warn' : 'ok')
    : isRunning(status) ? 'running' : status === 'FAILED' ? 'bad' : 'neutral';
  return el('span', { class: 'badge badge-' + kind, 'data-status': status }, status || 'UNKNOWN');
}

export function reasons(map) {
  const entries = Object.entries(map || {});
  return entries.length ? entries.map(([reason, count]) => reason + '\u00a0×\u00a0' + count).join(', ') : '';
}

function plural(count, unit) {
  return count + ' ' + unit + (count === 1 ? '' : 's');
}

/**
 * An ISO-8601 duration as the API writes it (Java's Duration: "PT168H", "PT1H30M",
 * "PT0.5S") in words: "7 days", "1 hour 30 minutes"; anything else as given.
 */
export function isoDuration(value) {
  const parts = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(String(value || ''));
  if (!parts || value === 'P' || value === 'PT') {
    return value ? String(value) : '';
  }
  const seconds = Number(parts[1] || 0) * 86400 + Number(parts[2] || 0) * 3600 + Number(parts[3] || 0) * 60
    + Number(parts[4] || 0);
  if (seconds === 0) {
    return 'none';
  }
  const words = [];
  let rest = seconds;
  for (const [unit, size] of [['day', 86400], ['hour', 3600], ['minute', 60]]) {
    if (rest >= size) {
      words.push(plural(Math.floor(rest / size), unit));
      rest %= size;
    }
  }
  if (rest > 0) {
    words.push(plural(Math.round(rest * 1000) / 1000, 'second'));
  }
  return words.join(' ');
}

/** A rate between 0 and 1 as a person reads it: "none", "about 1 in 120,000". */
export function rate(value) {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) {
    return String(value);
  }
  if (number === 0) {
    return 'none';
  }
  if (number >= 0.5) {
    return Math.round(number * 100) + ' %';
  }
  const oneIn = Number((1 / number).toPrecision(2));
  return 'about 1 in ' + oneIn.toLocaleString('en');
}
