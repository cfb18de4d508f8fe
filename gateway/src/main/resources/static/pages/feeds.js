// Feeds: named in-app inboxes a step can write to. List, create, delete.
import { h, field, replace, formatDate } from '../lib/dom.js';
import { pageHeading, messageArea, showError, table, empty, loading, readOnlyNotice, run, confirmDialog } from '../lib/ui.js';

export default async function feeds(view) {
  view.setTitle('Feeds');
  const messages = messageArea({ id: 'feed-messages' });
  const listArea = h('div', {}, loading());
  replace(view.main,
    pageHeading('Feeds'),
    h('p', { class: 'lead' }, 'Feeds split a subscriber\u2019s in-app inbox, e.g. “Updates” and “Billing”.'),
    view.readOnly ? readOnlyNotice(view) : createForm(view, messages),
    messages,
    listArea);
  let envelope;
  try {
    envelope = await view.api.get('/v1/feeds');
  } catch (error) {
    replace(listArea);
    showError(messages, error, 'Could not load the feeds');
    return;
  }
  if (!view.isCurrent()) return;
  if (envelope.data.length === 0) {
    replace(listArea, empty('No feeds yet.'));
    return;
  }
  replace(listArea, table([
    { label: 'Name', render: (f) => f.name },
    { label: 'Identifier', render: (f) => h('code', {}, f.identifier) },
    { label: 'Created', render: (f) => formatDate(f.createdAt) },
    { label: 'Actions', render: (f) => (view.readOnly ? '—' : deleteButton(view, f, messages)) },
  ], envelope.data, { caption: 'Feeds' }));
}

function createForm(view, messages) {
  const name = h('input', { id: 'new-feed-name', required: true, maxlength: 128 });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Add feed');
  return h('form', { class: 'card inline-form', onsubmit: async (event) => {
    event.preventDefault();
    const created = await run(submit, messages, 'Could not add the feed', () => view.api.post('/v1/feeds', { name: name.value.trim() }));
    if (created) {
      view.refreshCount();
      view.navigate('feeds');
    }
  } }, field('New feed name', name), submit);
}

function deleteButton(view, feed, messages) {
  const remove = h('button', { type: 'button', class: 'danger' }, 'Delete');
  remove.addEventListener('click', async () => {
    const sure = await confirmDialog({ title: `Delete the feed “${feed.name}”?`, body: h('p', {}, 'Steps that write to it would need another feed.'), confirmLabel: 'Delete feed', danger: true });
    if (!sure) return;
    const done = await run(remove, messages, 'Could not delete the feed', () => view.api.del(`/v1/feeds/${encodeURIComponent(feed._id)}`).then(() => true));
    if (done) {
      view.refreshCount();
      view.navigate('feeds');
    }
  });
  return remove;
}
