// API keys of the current environment: metadata only (Tidings keeps just a hash), and rotation
// with an optional overlap. The new secret is shown once, and the panel switches to it.
import { h, field, replace, formatDate } from '../lib/dom.js';
import { pageHeading, messageArea, showError, table, empty, loading, badge, run, confirmDialog } from '../lib/ui.js';

const OVERLAPS = [
  [0, 'No overlap: the current key stops working now'],
  [300, '5 minutes'],
  [3600, '1 hour'],
  [86400, '1 day'],
  [604800, '7 days (the longest allowed)'],
];

export default async function keys(view) {
  view.setTitle('API keys');
  const messages = messageArea({ id: 'key-messages' });
  const secretArea = h('div', { id: 'new-secret-area' });
  const listArea = h('div', { id: 'key-list' }, loading());
  replace(view.main,
    pageHeading('API keys'),
    h('p', { class: 'lead' }, `Secret keys of ${view.me.name}. Tidings stores only a hash of each, so a secret is shown once: when it is made.`),
    secretArea,
    messages,
    listArea,
    rotateForm(view, messages, secretArea, () => load(view, listArea, messages)));
  await load(view, listArea, messages);
}

async function load(view, listArea, messages) {
  let envelope;
  try {
    envelope = await view.api.get('/v1/environments/api-keys');
  } catch (error) {
    replace(listArea);
    showError(messages, error, 'Could not load the keys');
    return;
  }
  if (!view.isCurrent()) return;
  replace(listArea, envelope.data.length === 0 ? empty('No live keys.') : table([
    { label: 'Key', render: (k) => h('code', {}, `${k.prefix}…${k.lastFour}`) },
    { label: 'Created', render: (k) => formatDate(k.createdAt) },
    { label: 'Expires', render: (k) => (k.expiresAt ? [badge('Expiring', 'warn'), ` ${formatDate(k.expiresAt)}`] : 'Never') },
    { label: 'This panel', render: (k) => (view.usesKey(k) ? badge('In use here', 'good') : '') },
  ], envelope.data, { caption: 'Live API keys' }));
}

function rotateForm(view, messages, secretArea, reload) {
  const overlap = h('select', { id: 'keep-previous' }, OVERLAPS.map(([seconds, label]) => h('option', { value: String(seconds) }, label)));
  const submit = h('button', { type: 'submit', class: 'danger', id: 'rotate-key' }, 'Rotate key');
  const form = h('form', { class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    const seconds = Number(overlap.value);
    const sure = await confirmDialog({
      title: `Rotate the key of ${view.me.name}?`,
      body: h('p', {}, seconds === 0
        ? 'A new key is made and the current one stops working at once, everywhere. Backends still using it will get 401.'
        : `A new key is made. The current one keeps working for ${overlap.selectedOptions[0].textContent}, so backends can move over.`),
      confirmLabel: 'Rotate key',
      danger: true,
    });
    if (!sure) return;
    const issued = await run(submit, messages, 'Could not rotate the key', () =>
      view.api.post('/v1/environments/api-keys/regenerate', seconds ? { keepPreviousFor: seconds } : {}));
    if (!issued) return;
    const fresh = issued.data[0];
    view.rememberKey(fresh.key); // the panel moves to the new key, so it keeps working without overlap
    showSecret(secretArea, fresh.key);
    await reload();
  } },
  h('h2', {}, 'Rotate'),
  h('p', { class: 'muted' }, 'At most two keys are live at a time: the new one and, during the overlap, the previous one.'),
  h('div', { class: 'inline-form' }, field('Keep the current key working for', overlap), submit));
  return form;
}

function showSecret(area, secret) {
  const output = h('input', { id: 'new-secret', readOnly: true, value: secret, 'aria-describedby': 'new-secret-warning' });
  const copy = h('button', { type: 'button', class: 'secondary' }, 'Copy');
  const status = h('span', { role: 'status', class: 'muted' });
  copy.addEventListener('click', async () => {
    output.select();
    try {
      await navigator.clipboard.writeText(secret);
      status.textContent = 'Copied.';
    } catch {
      status.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
    }
  });
  replace(area, h('section', { class: 'card progress-panel', 'data-status': 'completed', 'aria-labelledby': 'new-secret-title' },
    h('h2', { id: 'new-secret-title', tabindex: '-1' }, 'Your new secret key'),
    h('p', { class: 'notice', id: 'new-secret-warning' }, 'Copy it now: it is shown this once and cannot be read again. This panel already uses it.'),
    h('div', { class: 'secret' }, h('label', { for: 'new-secret', class: 'visually-hidden' }, 'New secret key'), output, copy),
    status));
  area.querySelector('h2').focus();
}
