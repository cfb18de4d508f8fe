// Notification groups: list, create, rename and delete (a group in use cannot be deleted: 409).
import { h, field, replace, formatDate } from '../lib/dom.js';
import { withQuery } from '../lib/api.js';
import { pageHeading, messageArea, showError, showSuccess, table, empty, loading, pager, readOnlyNotice, run, confirmDialog } from '../lib/ui.js';

export default async function groups(view) {
  view.setTitle('Notification groups');
  const page = Number(view.query.get('page') ?? 0);
  const messages = messageArea({ id: 'group-messages' });
  const listArea = h('div', {}, loading());
  replace(view.main,
    pageHeading('Notification groups'),
    h('p', { class: 'lead' }, 'Groups sort workflows for subscribers\u2019 preferences. Every environment starts with General.'),
    view.readOnly ? readOnlyNotice(view) : createForm(view, messages),
    messages,
    listArea);

  let envelope;
  try {
    envelope = await view.api.get(withQuery('/v1/notification-groups', { page, limit: 20 }));
  } catch (error) {
    replace(listArea);
    showError(messages, error, 'Could not load the groups');
    return;
  }
  if (!view.isCurrent()) return;
  if (envelope.data.length === 0) {
    replace(listArea, empty('No groups.'));
    return;
  }
  replace(listArea,
    table([
      { label: 'Name', render: (g) => g.name },
      { label: 'Updated', render: (g) => formatDate(g.updatedAt) },
      { label: 'Actions', render: (g) => (view.readOnly ? '—' : actions(view, g, messages)) },
    ], envelope.data, { caption: 'Notification groups' }),
    pager(envelope, (next) => view.navigate('groups', { page: next })));
}

function createForm(view, messages) {
  const name = h('input', { id: 'new-group-name', required: true, maxlength: 128 });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Add group');
  return h('form', { class: 'card inline-form', onsubmit: async (event) => {
    event.preventDefault();
    const created = await run(submit, messages, 'Could not add the group', () => view.api.post('/v1/notification-groups', { name: name.value.trim() }));
    if (created) {
      view.refreshCount();
      view.navigate('groups');
    }
  } }, field('New group name', name), submit);
}

function actions(view, group, messages) {
  const rename = h('button', { type: 'button', class: 'secondary' }, 'Rename');
  const remove = h('button', { type: 'button', class: 'danger' }, 'Delete');
  rename.addEventListener('click', async () => {
    const input = h('input', { id: 'rename-group', value: group.name, maxlength: 128 });
    const sure = await confirmDialog({ title: `Rename “${group.name}”`, body: field('New name', input), confirmLabel: 'Rename' });
    if (!sure) return;
    const saved = await run(rename, messages, 'Could not rename the group', () =>
      view.api.patch(`/v1/notification-groups/${encodeURIComponent(group._id)}`, { name: input.value.trim() }));
    if (saved) {
      view.refreshCount();
      view.navigate('groups');
    }
  });
  remove.addEventListener('click', async () => {
    const sure = await confirmDialog({ title: `Delete “${group.name}”?`, body: h('p', {}, 'A group that workflows still use cannot be deleted.'), confirmLabel: 'Delete group', danger: true });
    if (!sure) return;
    const done = await run(remove, messages, 'Could not delete the group', () =>
      view.api.del(`/v1/notification-groups/${encodeURIComponent(group._id)}`).then(() => true));
    if (done) {
      showSuccess(messages, `Deleted “${group.name}”.`);
      view.refreshCount();
      view.navigate('groups');
    }
  });
  return h('div', { class: 'actions' }, rename, remove);
}
