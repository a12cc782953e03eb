// Calls to the media-purge HTTP API, with the session's CSRF token on every POST and
// the API's {message} turned into an error a person can read.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// The session's CSRF token, kept by the server in the session (never in a cookie a page of
// another origin could plant or read) and sent in the header it names on every POST.
let csrf = null;

export async function csrfHeader(refresh = false) {
  if (!csrf || refresh) {
    const response = await fetch('/api/csrf', {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    });
    const answer = await handle(response);
    csrf = answer && answer.headerName && answer.token ? { [answer.headerName]: answer.token } : {};
  }
  return csrf;
}

export async function getJson(path) {
  const response = await fetch(path, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
  });
  return handle(response);
}

export async function postJson(path, body) {
  const headers = {
    Accept: 'application/json',
    'Content-Type': 'application/json',
    'X-Requested-With': 'XMLHttpRequest',
  };
  Object.assign(headers, await csrfHeader());
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handle(response);
}

async function handle(response) {
  if (response.redirected && new URL(response.url).pathname.startsWith('/login')) {
    throw new ApiError(401, describe(401, null));
  }
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = null;
    }
  }
  if (!response.ok) {
    const message = body && typeof body.message === 'string' && body.message ? body.message : null;
    throw new ApiError(response.status, describe(response.status, message));
  }
  return body;
}

function describe(status, message) {
  switch (status) {
    case 401:
      return 'Not signed in (401): your session has ended. Reload the page to sign in again.';
    case 403:
      return 'Not allowed (403): ' + (message
        || 'only the operator role may start, restart, stop, recover or abandon runs, or apply a sweep plan (if you are an operator, '
          + 'reload the page: its security token may have expired).');
    case 404:
      return 'Not found (404): ' + (message || 'no such execution.');
    case 409:
      return 'Refused (409): ' + (message || 'the action does not apply to this execution now.');
    default:
      return (message || 'The request failed') + ' (HTTP ' + status + ')';
  }
}

/** Signs the session out (a POST with the CSRF token) and goes to the sign-in page. */
export async function signOut() {
  try {
    await fetch('/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: await csrfHeader().catch(() => ({})),
    });
  } finally {
    window.location.assign('/login?logout');
  }
}
