// The developer registration page (docs/api/page.md): two views, "#register" (RFC 7591) and "#manage" (RFC 7592).
// Nothing is stored in the browser (no web storage, cookie or worker: docs/api/page.md); credentials live in `memory` only and
// are dropped when the view changes or the page is left.
import * as api from './api.js';
import { clearForm, clearProblems, fillForm, readMetadata, showProbes, showProblems } from './form.js';

const $ = (id) => document.getElementById(id);
const LIVE_CHECK_DELAY_MS = 400;

/** What this tab knows: the last answer with credentials, the client being managed, the key of a registration. */
const memory = { answer: null, clientId: null, token: null, registration: null, idempotency: null, liveCheck: 0 };

function forget() {
  memory.answer = null;
  memory.clientId = null;
  memory.token = null;
  memory.registration = null;
  memory.idempotency = null;
  document.querySelectorAll('[data-result]').forEach((node) => { node.textContent = ''; });
  $('result').hidden = true;
  $('manage-token').value = '';
}

/** The view shown: set by render() from "#manage" or "#register" only, so other fragments (#main) keep it. */
let currentView = 'register';
function view() {
  return currentView;
}

function status(text) {
  $('status').textContent = text;
}

/** The summary (role="alert") of every problem; focused after a refused check or submission. */
function summarise(entries, { focus = false, title } = {}) {
  const list = $('summary-list');
  list.replaceChildren();
  const shown = entries.filter((e) => e.kind !== 'pass');
  if (shown.length === 0) {
    $('summary').hidden = true;
    return;
  }
  const errors = shown.filter((e) => e.kind === 'error').length;
  const warnings = shown.length - errors;
  $('summary-title').textContent = title ?? [errors ? `${errors} ${errors === 1 ? 'problem' : 'problems'}` : '',
    warnings ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''].filter(Boolean).join(' and ');
  for (const entry of shown) {
    const item = document.createElement('li');
    item.className = entry.kind;
    if (entry.target) {
      const link = document.createElement('a');
      link.href = '#' + entry.target.id;
      link.textContent = entry.text;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        entry.target.focus();
      });
      item.appendChild(link);
    } else {
      item.textContent = entry.text;
    }
    list.appendChild(item);
  }
  $('summary').hidden = false;
  if (focus) $('summary').focus();
}

/** Shows an answer of /validate, /register or RFC 7592: its problems at their fields; true when it has errors. */
function showAnswer(answer, { focus, title = 'Not done' }) {
  clearProblems();
  const body = answer.body ?? {};
  if (answer.status === 200 && Array.isArray(body.errors) && 'valid' in body) {
    summarise(showProblems(body.errors, body.warnings ?? []), { focus: focus && body.errors.length > 0 });
    return body.errors.length > 0;
  }
  if (answer.status >= 400 && answer.status < 500 && answer.status !== 429 && Array.isArray(body.errors)) {
    summarise(showProblems(body.errors), { focus });
    return true;
  }
  summarise([{ kind: 'error', text: api.explain(answer), target: null }], { focus, title });
  return true;
}

async function liveCheck() {
  const ticket = ++memory.liveCheck;
  const answer = await api.validate(readMetadata());
  if (ticket !== memory.liveCheck) return; // a later check is on its way
  showAnswer(answer, { focus: false });
}

let liveTimer = 0;
function scheduleLiveCheck() {
  clearTimeout(liveTimer);
  liveTimer = setTimeout(liveCheck, LIVE_CHECK_DELAY_MS);
}

function showLogo(metadata, results) {
  const preview = $('logo-preview');
  preview.replaceChildren();
  preview.hidden = true;
  const logo = results.find((r) => r.field === '/logo_uri');
  if (logo && logo.verdict === 'pass' && typeof metadata.logo_uri === 'string') {
    const image = document.createElement('img');
    image.src = metadata.logo_uri;
    image.alt = 'Preview of the logo';
    image.referrerPolicy = 'no-referrer';
    preview.append('Logo preview: ', image);
    preview.hidden = false;
  }
}

/** Check: the static rules, then, when they pass, a probe of every URL. */
async function check() {
  memory.liveCheck++;
  clearTimeout(liveTimer);
  const metadata = readMetadata();
  status('Checking…');
  const answer = await api.validate(metadata);
  if (showAnswer(answer, { focus: true })) {
    status('The check found problems.');
    return;
  }
  const validated = answer.body;
  status('Visiting your URLs…');
  const probed = await api.probe(metadata);
  if (probed.status !== 200 || !probed.body || !Array.isArray(probed.body.results)) {
    summarise([{ kind: 'error', text: api.explain(probed), target: null }], { focus: true, title: 'Not checked' });
    status('');
    return;
  }
  clearProblems();
  const entries = [...showProblems([], validated.warnings ?? []), ...showProbes(probed.body.results)];
  showLogo(metadata, probed.body.results);
  summarise(entries, { focus: !probed.body.passed });
  status(probed.body.passed ? 'Every check passed. You can register.' : 'Some URLs did not pass.');
}

function showCredentials(answer, title) {
  memory.answer = answer;
  $('result-title').textContent = title;
  for (const node of document.querySelectorAll('[data-result]')) {
    const member = node.getAttribute('data-result');
    const value = typeof answer[member] === 'string' ? answer[member] : '';
    node.textContent = value;
    node.closest('.credential').hidden = value === '';
  }
  $('result-warning').hidden = false;
  $('result').hidden = false;
  $('result').focus();
}

async function submitRegistration() {
  const metadata = readMetadata();
  const body = JSON.stringify(metadata);
  // One key per body: a double click or a retry of the same request creates one client (docs/api/registration.md).
  if (!memory.idempotency || memory.idempotency.body !== body) {
    memory.idempotency = { body, key: crypto.randomUUID() };
  }
  $('register').disabled = true;
  status('Registering…');
  try {
    const answer = await api.register(metadata, memory.idempotency.key);
    if (answer.status === 201 && answer.body) {
      clearProblems();
      summarise([]);
      status('Registered.');
      showCredentials(answer.body, 'Registered');
      return;
    }
    showAnswer(answer, { focus: true, title: 'Not registered' });
    status('Not registered.');
  } finally {
    $('register').disabled = false;
  }
}

/** The PUT body: the registration as read, with the form's members over it and the server's members left out. */
function updateBody() {
  const serverMembers = ['client_secret', 'client_secret_expires_at', 'client_id_issued_at', 'registration_access_token',
    'registration_client_uri', 'client_status', 'url_checks'];
  const body = { ...memory.registration };
  serverMembers.forEach((m) => delete body[m]);
  ['scope', 'redirect_uris', 'contacts', 'client_name', 'client_uri', 'logo_uri', 'tos_uri', 'policy_uri'].forEach((m) => delete body[m]);
  return { ...body, ...readMetadata(), client_id: memory.clientId };
}

function rotated(answer) {
  memory.registration = answer;
  if (typeof answer.registration_access_token === 'string') memory.token = answer.registration_access_token;
}

async function readRegistration() {
  const clientId = $('manage-client-id').value.trim();
  const token = $('manage-token').value.trim();
  if (!clientId || !token) {
    summarise([{ kind: 'error', text: 'Enter the client id and the registration access token.', target: clientId ? $('manage-token') : $('manage-client-id') }], { focus: true, title: 'Not read' });
    return;
  }
  status('Reading…');
  const answer = await api.readClient(clientId, token);
  $('manage-token').value = '';
  if (answer.status !== 200 || !answer.body) {
    summarise([{ kind: 'error', text: api.explain(answer), target: null }], { focus: true, title: 'Not read' });
    status('');
    return;
  }
  memory.clientId = clientId;
  rotated(answer.body);
  fillForm(answer.body);
  clearProblems();
  summarise([]);
  showManageForm(true);
  status(`Read ${clientId}. The service issued a new registration access token: use it from now on.`);
  showCredentials(answer.body, 'Your new registration access token');
}

async function saveRegistration() {
  $('save').disabled = true;
  status('Saving…');
  try {
    const answer = await api.updateClient(memory.clientId, memory.token, updateBody());
    if (answer.status === 200 && answer.body) {
      rotated(answer.body);
      clearProblems();
      summarise([]);
      status('Saved. The service issued a new registration access token.');
      showCredentials(answer.body, 'Saved: your new registration access token');
      return;
    }
    showAnswer(answer, { focus: true, title: 'Not saved' });
    status('Not saved.');
  } finally {
    $('save').disabled = false;
  }
}

async function deleteRegistration() {
  const answer = await api.deleteClient(memory.clientId, memory.token);
  $('confirm-delete').hidden = true;
  if (answer.status === 204) {
    const clientId = memory.clientId;
    forget();
    clearForm();
    clearProblems();
    summarise([]);
    showManageForm(false);
    status(`Deleted ${clientId}.`);
    $('manage-client-id').focus();
    return;
  }
  summarise([{ kind: 'error', text: api.explain(answer), target: null }], { focus: true, title: 'Not deleted' });
}

function showManageForm(shown) {
  $('metadata-form').hidden = !shown;
}

function render() {
  currentView = location.hash === '#manage' ? 'manage' : 'register';
  const manage = currentView === 'manage';
  forget();
  clearForm();
  clearProblems();
  summarise([]);
  status('');
  $('logo-preview').hidden = true;
  $('confirm-delete').hidden = true;
  document.title = manage ? 'Manage a registration' : 'Register an app';
  $('view-title').textContent = document.title;
  $('intro-register').hidden = manage;
  $('manage-open').hidden = !manage;
  $('register').hidden = manage;
  $('save').hidden = !manage;
  $('delete').hidden = !manage;
  showManageForm(!manage);
  $('nav-register').toggleAttribute('aria-current', !manage);
  $('nav-manage').toggleAttribute('aria-current', manage);
  if (manage) $('nav-manage').setAttribute('aria-current', 'page'); else $('nav-register').setAttribute('aria-current', 'page');
}

async function copy(member) {
  const value = memory.answer && typeof memory.answer[member] === 'string' ? memory.answer[member] : '';
  try {
    await navigator.clipboard.writeText(value);
    status(`${member} copied.`);
  } catch {
    const node = document.querySelector(`[data-result="${member}"]`);
    window.getSelection().selectAllChildren(node);
    status(`${member} selected: copy it with your keyboard.`);
  }
}

function download() {
  if (!memory.answer) return;
  const blob = new Blob([JSON.stringify(memory.answer, null, 2)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `registration-${memory.answer.client_id ?? 'answer'}.json`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function start() {
  const form = $('metadata-form');
  form.addEventListener('input', scheduleLiveCheck);
  form.addEventListener('change', scheduleLiveCheck);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (view() === 'manage') saveRegistration(); else submitRegistration();
  });
  $('check').addEventListener('click', check);
  $('delete').addEventListener('click', () => {
    $('confirm-delete').hidden = false;
    $('confirm-delete-no').focus();
  });
  $('confirm-delete-no').addEventListener('click', () => {
    $('confirm-delete').hidden = true;
    $('delete').focus();
  });
  $('confirm-delete-yes').addEventListener('click', deleteRegistration);
  $('manage-open-form').addEventListener('submit', (event) => {
    event.preventDefault();
    readRegistration();
  });
  document.querySelectorAll('[data-copy]').forEach((button) => {
    button.addEventListener('click', () => copy(button.getAttribute('data-copy')));
  });
  $('download').addEventListener('click', download);
  window.addEventListener('hashchange', () => {
    if (location.hash === '#manage' || location.hash === '#register' || location.hash === '') {
      render();
      $('view-title').focus();
    }
  });
  // Leaving the page drops every credential it held (and keeps it out of the back/forward cache's memory).
  window.addEventListener('pagehide', () => {
    forget();
    clearForm();
  });
  $('view-title').tabIndex = -1;
  render();
}

start();
