// One subscriber: profile, custom data, and the in-app messages of their feed.
import { h, replace, formatDate } from '../lib/dom.js';
import { pageHeading, messageArea, showError, table, empty, loading, facts, badge, run, confirmDialog } from '../lib/ui.js';

export default async function subscriber(view) {
  const id = view.params.id;
  view.setTitle(`Subscriber ${id}`);
  const messages = messageArea({ id: 'subscriber-messages' });
  replace(view.main, pageHeading(`Subscriber ${id}`), loading());
  let profile;
  let feed;
  try {
    [profile, feed] = await Promise.all([
      view.api.get(`/v1/subscribers/${encodeURIComponent(id)}`),
      view.api.get(`/v1/subscribers/${encodeURIComponent(id)}/notifications/feed`),
    ]);
  } catch (error) {
    replace(view.main, pageHeading(`Subscriber ${id}`), back(), messages);
    showError(messages, error, 'Could not load the subscriber');
    return;
  }
  if (!view.isCurrent()) return;
  const s = profile.data;
  const remove = h('button', { type: 'button', class: 'danger' }, 'Delete subscriber');
  remove.addEventListener('click', async () => {
    const sure = await confirmDialog({ title: `Delete subscriber ${s.subscriberId}?`, body: h('p', {}, `Their profile is removed from ${view.me.name}.`), confirmLabel: 'Delete subscriber', danger: true });
    if (!sure) return;
    const done = await run(remove, messages, 'Could not delete the subscriber', () => view.api.del(`/v1/subscribers/${encodeURIComponent(s.subscriberId)}`).then(() => true));
    if (done) view.navigate('subscribers');
  });
  const messagesList = feed.data ?? [];
  replace(view.main,
    pageHeading(`Subscriber ${s.subscriberId}`, h('div', { class: 'actions' }, remove)),
    back(),
    messages,
    h('div', { class: 'card' }, facts([
      ['Name', [s.firstName, s.lastName].filter(Boolean).join(' ') || '—'],
      ['Email', s.email ?? '—'],
      ['Phone', s.phone ?? '—'],
      ['Locale', s.locale ?? '—'],
      ['Created', formatDate(s.createdAt)],
      ['Updated', formatDate(s.updatedAt)],
    ]), h('h3', {}, 'Data'), h('pre', {}, JSON.stringify(s.data ?? {}, null, 2))),
    h('h2', {}, 'In-app feed'),
    messagesList.length === 0 ? empty('No in-app messages.') : table([
      { label: 'Received', render: (m) => formatDate(m.createdAt) },
      { label: 'Workflow', render: (m) => h('code', {}, m.templateIdentifier ?? '—') },
      { label: 'Content', render: (m) => m.content ?? '' },
      { label: 'State', render: (m) => (m.read ? badge('Read', 'neutral') : m.seen ? badge('Seen', 'neutral') : badge('New', 'busy')) },
    ], messagesList, { caption: 'In-app messages' }),
    h('p', {}, h('a', { href: '#/activity' }, 'See the activity of every subscriber')));
}

function back() {
  return h('p', {}, h('a', { href: '#/subscribers' }, '← All subscribers'));
}
