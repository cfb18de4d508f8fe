// Sign in with a secret key, and give the key of another environment when switching to it.
// A key is checked with GET /v1/environments/me before it is kept.
import { h, field, replace } from '../lib/dom.js';
import { request } from '../lib/api.js';
import { messageArea, showError } from '../lib/ui.js';

function keyInput(id) {
  // type=password: a key pasted on a shared screen stays hidden; never autocompleted or spell-checked
  return h('input', { type: 'password', id, name: id, required: true, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off' });
}

async function identify(secret) {
  return (await request(secret, 'GET', '/v1/environments/me')).data;
}

export function renderSignIn(container, { onSignedIn }) {
  const input = keyInput('signin-key');
  const messages = messageArea({ id: 'signin-messages' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'signin-submit' }, 'Sign in');
  const form = h('form', { class: 'card narrow', id: 'signin-form', novalidate: true },
    field('Secret API key', input, 'The key of any environment of your organization, e.g. Development. It stays in this browser tab only.'),
    messages,
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const secret = input.value.trim();
    if (!secret) {
      showError(messages, new Error('Paste a secret API key first.'));
      input.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      const me = await identify(secret);
      await onSignedIn(secret, me);
    } catch (error) {
      showError(messages, error, 'Sign-in failed');
      input.select();
      input.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  });
  replace(container,
    h('div', { class: 'page-heading' }, h('h1', { tabindex: '-1' }, 'Sign in to Tidings')),
    h('p', { class: 'lead' }, 'Use a secret API key. The panel keeps it in this tab\u2019s session storage only and sends it to this gateway with every request.'),
    form);
  input.focus();
}

export function renderEnvironmentKey(container, { environment, reason, onKey, onCancel }) {
  const input = keyInput('environment-key');
  const messages = messageArea({ id: 'environment-key-messages' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'environment-key-submit' }, `Open ${environment.name}`);
  const cancel = h('button', { type: 'button', class: 'secondary', onclick: onCancel }, 'Cancel');
  const form = h('form', { class: 'card narrow', id: 'environment-key-form', novalidate: true },
    field(`Secret API key of ${environment.name}`, input, 'Each environment has its own keys. This one is kept in this tab only.'),
    messages,
    h('div', { class: 'actions' }, cancel, submit));
  if (reason) showError(messages, new Error(reason));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const secret = input.value.trim();
    if (!secret) {
      showError(messages, new Error(`Paste the secret key of ${environment.name} first.`));
      return;
    }
    submit.disabled = true;
    try {
      const me = await identify(secret);
      if (me._id !== environment._id) {
        throw new Error(`This key belongs to ${me.name}, not to ${environment.name}.`);
      }
      await onKey(secret);
    } catch (error) {
      showError(messages, error, 'That key cannot open this environment');
      input.select();
      input.focus();
    } finally {
      submit.disabled = false;
    }
  });
  replace(container,
    h('div', { class: 'page-heading' }, h('h1', { tabindex: '-1' }, `Switch to ${environment.name}`)),
    h('p', { class: 'lead' }, `A key acts for one environment only. Enter a key of ${environment.name} to open it.`),
    form);
  input.focus();
}
