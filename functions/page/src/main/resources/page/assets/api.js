// The service's routes, called on this page's own origin (connect-src 'self'): docs/api/registration.md and
// docs/api/management.md. Every call answers {status, body, retryAfter}; a network failure answers status 0.

const base = new URL('.', document.baseURI);

async function call(path, init) {
  try {
    const response = await fetch(new URL(path, base), { ...init, credentials: 'omit', cache: 'no-store' });
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch { body = null; }
    return { status: response.status, body, retryAfter: response.headers.get('Retry-After') };
  } catch {
    return { status: 0, body: null, retryAfter: null };
  }
}

function json(method, metadata, headers = {}) {
  return { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(metadata) };
}

/** POST /validate: {valid, errors, warnings}, or an RFC 7591 error answer. */
export function validate(metadata, signal) {
  return call('validate', { ...json('POST', metadata), signal });
}

/** POST /probe: {passed, results}. */
export function probe(metadata) {
  return call('probe', json('POST', metadata));
}

/** POST /register (RFC 7591 §3.1) with an Idempotency-Key, so that a retry creates no second client. */
export function register(metadata, idempotencyKey) {
  return call('register', json('POST', metadata, { 'Idempotency-Key': idempotencyKey }));
}

function clientPath(clientId) {
  return 'register/' + encodeURIComponent(clientId);
}

function bearer(token) {
  return { Authorization: 'Bearer ' + token };
}

/** GET /register/{client_id} (RFC 7592 §2.1): the answer carries a new registration access token. */
export function readClient(clientId, token) {
  return call(clientPath(clientId), { method: 'GET', headers: bearer(token) });
}

/** PUT /register/{client_id} (RFC 7592 §2.2). */
export function updateClient(clientId, token, metadata) {
  return call(clientPath(clientId), json('PUT', metadata, bearer(token)));
}

/** DELETE /register/{client_id} (RFC 7592 §2.3). */
export function deleteClient(clientId, token) {
  return call(clientPath(clientId), { method: 'DELETE', headers: bearer(token) });
}

/** A sentence for an answer that is neither a success nor a list of problems. */
export function explain(answer) {
  if (answer.status === 0) {
    return 'The service could not be reached. Check your connection and try again.';
  }
  if (answer.status === 429) {
    const seconds = Number.parseInt(answer.retryAfter ?? '', 10);
    if (Number.isFinite(seconds)) {
      const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString();
      return `Too many requests from your address. Try again in ${seconds} seconds (at ${at}).`;
    }
    return 'Too many requests from your address. Try again later.';
  }
  if (answer.status === 409 || answer.status === 503) {
    const wait = answer.retryAfter ? ` in ${answer.retryAfter} seconds` : ' in a moment';
    return `The service is busy with this request. Try again${wait}.`;
  }
  if (answer.status === 401) {
    return 'The client id and token do not fit together. Use the token of your latest answer.';
  }
  const described = answer.body && typeof answer.body.error_description === 'string' ? answer.body.error_description : '';
  return described || `The service answered HTTP ${answer.status}. Try again later.`;
}
