// The metadata form: reading it as client metadata (RFC 7591 §2), filling it from a registration, and showing each
// problem next to its field, in an element with data-error-for="<JSON pointer>" that the control's aria-describedby
// names (docs/api/page.md).

const TEXT_MEMBERS = ['client_name', 'client_uri', 'logo_uri', 'tos_uri', 'policy_uri', 'scope'];
const LIST_MEMBERS = ['redirect_uris', 'contacts'];
const FORM_MEMBERS = [...TEXT_MEMBERS, ...LIST_MEMBERS, 'token_endpoint_auth_method', 'grant_types'];

const form = () => document.getElementById('metadata-form');
const control = (member) => document.getElementById(member === 'grant_types' ? 'f-refresh_token' : 'f-' + member);

/** The non-empty lines of a textarea with the line number each came from. */
function lines(member) {
  const entries = [];
  control(member).value.split('\n').forEach((line, index) => {
    if (line.trim() !== '') entries.push({ value: line.trim(), line: index + 1 });
  });
  return entries;
}

/** The form as client metadata: empty fields left out, so that the service names each missing member. */
export function readMetadata() {
  const metadata = {};
  for (const member of TEXT_MEMBERS) {
    const value = control(member).value.trim();
    if (value !== '') metadata[member] = value;
  }
  for (const member of LIST_MEMBERS) {
    const entries = lines(member);
    if (entries.length > 0) metadata[member] = entries.map((e) => e.value);
  }
  metadata.token_endpoint_auth_method = control('token_endpoint_auth_method').value;
  metadata.grant_types = control('grant_types').checked ? ['authorization_code', 'refresh_token'] : ['authorization_code'];
  metadata.response_types = ['code'];
  return metadata;
}

/** Fills the form from a registration (an RFC 7592 read). */
export function fillForm(registration) {
  for (const member of TEXT_MEMBERS) {
    control(member).value = typeof registration[member] === 'string' ? registration[member] : '';
  }
  for (const member of LIST_MEMBERS) {
    control(member).value = Array.isArray(registration[member]) ? registration[member].join('\n') : '';
  }
  const method = registration.token_endpoint_auth_method;
  control('token_endpoint_auth_method').value = method === 'client_secret_post' ? 'client_secret_post' : 'client_secret_basic';
  control('grant_types').checked = Array.isArray(registration.grant_types) && registration.grant_types.includes('refresh_token');
}

export function clearForm() {
  form().reset();
}

/** The member a JSON pointer names ("/redirect_uris/1" names redirect_uris), or "" for any other. */
function memberOf(pointer) {
  const member = (pointer.split('/')[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
  return FORM_MEMBERS.includes(member) ? member : '';
}

/** A label for a problem in the summary: the field's label, and the line for an entry of a list. */
function placeOf(pointer) {
  const member = memberOf(pointer);
  if (member === '') return 'The request';
  const label = document.querySelector(`label[for="${control(member).id}"]`).textContent.trim();
  const index = pointer.split('/')[2];
  if (LIST_MEMBERS.includes(member) && index !== undefined && /^\d+$/.test(index)) {
    const entry = lines(member)[Number(index)];
    return entry ? `${label}, line ${entry.line}` : label;
  }
  return label;
}

function errorsBox(member) {
  if (member === '') return document.getElementById('err-document');
  const field = form().querySelector(`[data-field="${member}"]`);
  let box = field.querySelector(':scope > .errors');
  if (!box) {
    box = document.createElement('div');
    box.className = 'errors';
    box.id = 'errors-' + member;
    field.insertBefore(box, field.querySelector('.help'));
  }
  return box;
}

let serial = 0;

/** Removes every problem and probe outcome shown at the fields. */
export function clearProblems() {
  form().querySelectorAll('[data-error-for]:not(#err-document), [data-probe-for]').forEach((node) => node.remove());
  form().querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
  for (const member of FORM_MEMBERS) {
    const c = control(member);
    c.setAttribute('aria-describedby', 'h-' + member);
  }
}

function attach(member, node) {
  errorsBox(member).appendChild(node);
  if (member !== '') {
    const c = control(member);
    c.setAttribute('aria-describedby', `${c.getAttribute('aria-describedby')} ${node.id}`);
  }
}

/**
 * Shows problems ({field, code, description}) at their fields, errors apart from warnings, and returns the
 * summary's entries.
 */
export function showProblems(errors, warnings = []) {
  const entries = [];
  const show = (problem, kind) => {
    const pointer = typeof problem.field === 'string' ? problem.field : '';
    const member = memberOf(pointer);
    const node = document.createElement('p');
    node.className = kind;
    node.id = 'problem-' + (++serial);
    node.setAttribute('data-error-for', pointer);
    const place = placeOf(pointer);
    node.textContent = `${kind === 'error' ? 'Error' : 'Warning'}: ${LIST_MEMBERS.includes(member) && place.includes(', line') ? place.split(', ')[1] + ': ' : ''}${problem.description}`;
    attach(member, node);
    if (kind === 'error' && member !== '') control(member).setAttribute('aria-invalid', 'true');
    entries.push({ kind, text: `${place}: ${problem.description}`, target: member === '' ? null : control(member) });
  };
  errors.forEach((p) => show(p, 'error'));
  warnings.forEach((p) => show(p, 'warning'));
  return entries;
}

/** Shows each probed URL's outcome at its field, in data-probe-for="<JSON pointer>"; returns the summary's entries. */
export function showProbes(results) {
  const entries = [];
  for (const result of results) {
    const pointer = typeof result.field === 'string' ? result.field : '';
    const member = memberOf(pointer);
    const node = document.createElement('p');
    const verdict = result.verdict === 'fail' ? 'error' : result.verdict === 'warning' ? 'warning' : 'pass';
    node.className = 'probe ' + verdict;
    node.id = 'probe-' + (++serial);
    node.setAttribute('data-probe-for', pointer);
    const heading = verdict === 'error' ? 'Error' : verdict === 'warning' ? 'Warning' : 'Reached';
    const detail = result.description || `${result.url} answered${result.status ? ' HTTP ' + result.status : ''} (${result.outcome}).`;
    node.textContent = `${heading}: ${detail}`;
    attach(member, node);
    if (verdict === 'error' && member !== '') control(member).setAttribute('aria-invalid', 'true');
    if (verdict !== 'pass') {
      entries.push({ kind: verdict, text: `${placeOf(pointer)}: ${detail}`, target: member === '' ? null : control(member) });
    }
  }
  return entries;
}
