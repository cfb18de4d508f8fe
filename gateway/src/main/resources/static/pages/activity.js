// Activity: one row per trigger, with what each step did for each subscriber, and the messages sent.
import { h, replace, formatDate } from '../lib/dom.js';
import { withQuery } from '../lib/api.js';
import { pageHeading, messageArea, showError, table, empty, loading, pager, statusBadge, badge } from '../lib/ui.js';

const PAGE_SIZE = 20;

export default async function activity(view) {
  view.setTitle('Activity');
  const page = Number(view.query.get('page') ?? 0);
  const messages = messageArea({ id: 'activity-messages' });
  const notificationsArea = h('div', { id: 'notification-list' }, loading());
  const messagesArea = h('div', { id: 'message-list' }, loading());
  replace(view.main,
    pageHeading('Activity'),
    h('p', { class: 'lead' }, `What ${view.me.name} sent: every trigger, each step\u2019s outcome, and the messages it stored.`),
    messages,
    h('h2', {}, 'Notifications'), notificationsArea,
    h('h2', {}, 'Messages'), messagesArea);
  const [notifications, sent] = await Promise.allSettled([
    view.api.get(withQuery('/v1/notifications', { page, limit: PAGE_SIZE })),
    view.api.get(withQuery('/v1/messages', { limit: PAGE_SIZE })),
  ]);
  if (!view.isCurrent()) return;

  if (notifications.status === 'rejected') {
    replace(notificationsArea);
    showError(messages, notifications.reason, 'Could not load the notifications');
  } else if (notifications.value.data.length === 0) {
    replace(notificationsArea, empty('Nothing triggered yet.'));
  } else {
    const body = h('tbody', {});
    for (const notification of notifications.value.data) body.append(...notificationRows(view, notification));
    replace(notificationsArea,
      h('table', { class: 'data' },
        h('caption', { class: 'visually-hidden' }, 'Notifications, newest first'),
        h('thead', {}, h('tr', {}, ['Triggered', 'Workflow', 'Subscribers', 'Transaction', 'Steps'].map((label) => h('th', { scope: 'col' }, label)))),
        body),
      pager(notifications.value, (next) => view.navigate('activity', { page: next })));
  }

  if (sent.status === 'rejected') {
    replace(messagesArea);
    showError(messages, sent.reason, 'Could not load the messages');
  } else if (sent.value.data.length === 0) {
    replace(messagesArea, empty('No messages yet.'));
  } else {
    replace(messagesArea, table([
      { label: 'Sent', render: (m) => formatDate(m.createdAt) },
      { label: 'Subscriber', render: (m) => h('a', { href: `#/subscribers/${encodeURIComponent(m.subscriberId)}` }, m.subscriberId) },
      { label: 'Channel', render: (m) => h('code', {}, m.channel) },
      { label: 'Content', render: (m) => m.content ?? '' },
      { label: 'State', render: (m) => (m.read ? badge('Read', 'neutral') : m.seen ? badge('Seen', 'neutral') : badge('New', 'busy')) },
    ], sent.value.data, { caption: 'Latest messages' }));
  }
}

function notificationRows(view, notification) {
  const detailsRow = h('tr', { class: 'details', hidden: true }, h('td', { colspan: '5' }, loading()));
  const toggle = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false' }, 'Execution details');
  let loaded = false;
  toggle.addEventListener('click', async () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    detailsRow.hidden = !open;
    if (!open || loaded) return;
    try {
      const details = (await view.api.get(withQuery('/v1/execution-details', { notificationId: notification._id }))).data;
      loaded = true;
      replace(detailsRow.firstChild, details.length === 0 ? empty('No step has run yet.') : table([
        { label: 'Time', render: (d) => formatDate(d.createdAt) },
        { label: 'Subscriber', render: (d) => d.subscriberId },
        { label: 'Channel', render: (d) => h('code', {}, d.channel ?? '—') },
        { label: 'Status', render: (d) => statusBadge(d.status) },
        { label: 'Detail', render: (d) => d.detail ?? '—' },
        { label: 'Provider', render: (d) => d.providerId ?? '—' },
      ], details, { caption: 'Execution details' }));
    } catch (error) {
      replace(detailsRow.firstChild, h('p', { class: 'error', role: 'alert' }, `Could not load the execution details: ${error.message}`));
    }
  });
  return [
    h('tr', { 'data-notification-id': notification._id },
      h('td', {}, formatDate(notification.createdAt)),
      h('td', {}, h('code', {}, notification.templateIdentifier ?? '—')),
      h('td', {}, (notification.subscriberIds ?? []).join(', ') || '—'),
      h('td', {}, h('code', {}, notification.transactionId ?? '—')),
      h('td', {}, toggle)),
    detailsRow,
  ];
}
