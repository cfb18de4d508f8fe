// Subscribers of the current environment: list, add. Environment-local, so writable everywhere.
import { h, field, replace, formatDate } from '../lib/dom.js';
import { withQuery } from '../lib/api.js';
import { pageHeading, messageArea, showError, table, empty, loading, pager, run } from '../lib/ui.js';

const PAGE_SIZE = 20;

export default async function subscribers(view) {
  view.setTitle('Subscribers');
  const page = Number(view.query.get('page') ?? 0);
  const messages = messageArea({ id: 'subscriber-messages' });
  const listArea = h('div', { id: 'subscriber-list' }, loading());
  replace(view.main,
    pageHeading('Subscribers'),
    h('p', { class: 'lead' }, `The people ${view.me.name} notifies. Subscribers belong to one environment and are never promoted.`),
    addForm(view, messages),
    messages,
    listArea);
  let envelope;
  try {
    envelope = await view.api.get(withQuery('/v1/subscribers', { page, limit: PAGE_SIZE }));
  } catch (error) {
    replace(listArea);
    showError(messages, error, 'Could not load the subscribers');
    return;
  }
  if (!view.isCurrent()) return;
  if (envelope.data.length === 0) {
    replace(listArea, empty(`No subscribers in ${view.me.name} yet.`));
    return;
  }
  replace(listArea,
    table([
      { label: 'Subscriber ID', render: (s) => h('a', { href: `#/subscribers/${encodeURIComponent(s.subscriberId)}` }, s.subscriberId) },
      { label: 'Name', render: (s) => [s.firstName, s.lastName].filter(Boolean).join(' ') || '—' },
      { label: 'Email', render: (s) => s.email ?? '—' },
      { label: 'Phone', render: (s) => s.phone ?? '—' },
      { label: 'Created', render: (s) => formatDate(s.createdAt) },
    ], envelope.data, { caption: 'Subscribers' }),
    pager(envelope, (next) => view.navigate('subscribers', { page: next })));
}

function addForm(view, messages) {
  const inputs = {
    subscriberId: h('input', { id: 'new-subscriber-id', required: true }),
    email: h('input', { id: 'new-subscriber-email', type: 'email' }),
    firstName: h('input', { id: 'new-subscriber-first-name' }),
    lastName: h('input', { id: 'new-subscriber-last-name' }),
  };
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Save subscriber');
  const form = h('form', { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const body = {};
    for (const [key, input] of Object.entries(inputs)) if (input.value.trim()) body[key] = input.value.trim();
    const saved = await run(submit, messages, 'Could not save the subscriber', () => view.api.post('/v1/subscribers', body));
    if (saved) view.navigate(`subscribers/${encodeURIComponent(saved.data.subscriberId)}`);
  } },
  h('div', { class: 'form-grid' },
    field('Subscriber ID', inputs.subscriberId, 'Your application\u2019s id for this person. An existing one is updated.'),
    field('Email', inputs.email), field('First name', inputs.firstName), field('Last name', inputs.lastName)),
  h('div', { class: 'actions' }, submit));
  return h('details', { class: 'card' }, h('summary', {}, 'Add or update a subscriber'), form);
}
