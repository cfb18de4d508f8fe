// Workflows: search, list with paging, and (where the environment is editable) create.
import { h, field, replace, formatDate } from '../lib/dom.js';
import { withQuery } from '../lib/api.js';
import { pageHeading, messageArea, showError, table, empty, loading, pager, badge, readOnlyNotice, run } from '../lib/ui.js';

const PAGE_SIZE = 20;

export default async function workflows(view) {
  view.setTitle('Workflows');
  const page = Number(view.query.get('page') ?? 0);
  const search = view.query.get('query') ?? '';
  const listArea = h('div', { id: 'workflow-list' }, loading());
  const messages = messageArea();

  const searchInput = h('input', { type: 'search', id: 'workflow-search', value: search, placeholder: 'Name or identifier' });
  const searchForm = h('form', { class: 'inline-form', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    view.navigate('workflows', searchInput.value.trim() ? { query: searchInput.value.trim() } : undefined);
  } }, field('Search workflows', searchInput), h('button', { type: 'submit', class: 'secondary' }, 'Search'));

  replace(view.main,
    pageHeading('Workflows'),
    view.readOnly ? readOnlyNotice(view) : createForm(view),
    h('div', { class: 'card' }, searchForm),
    messages,
    listArea);

  let envelope;
  let groups;
  try {
    [envelope, groups] = await Promise.all([
      view.api.get(withQuery('/v1/notification-templates', { page, limit: PAGE_SIZE, query: search })),
      view.api.get(withQuery('/v1/notification-groups', { limit: 100 })),
    ]);
  } catch (error) {
    replace(listArea);
    showError(messages, error, 'Could not load the workflows');
    return;
  }
  if (!view.isCurrent()) return;
  const groupNames = new Map(groups.data.map((group) => [group._id, group.name]));
  if (envelope.data.length === 0) {
    replace(listArea, empty(search ? `No workflow matches “${search}”.` : 'No workflows yet.'));
    return;
  }
  replace(listArea,
    table([
      { label: 'Name', render: (w) => h('a', { href: `#/workflows/${encodeURIComponent(w._id)}`, class: 'workflow-link' }, w.name) },
      { label: 'Identifier', render: (w) => h('code', {}, w.identifier) },
      { label: 'Group', render: (w) => groupNames.get(w._notificationGroupId ?? w.notificationGroupId) ?? '—' },
      { label: 'Status', render: (w) => (w.active ? badge('Active', 'good') : badge('Inactive', 'neutral')) },
      { label: 'Steps', class: 'num', render: (w) => String(w.steps?.length ?? 0) },
      { label: 'Updated', render: (w) => formatDate(w.updatedAt) },
    ], envelope.data, { caption: 'Workflows', rowAttrs: (w) => ({ 'data-workflow-id': w._id }) }),
    pager(envelope, (next) => view.navigate('workflows', { page: next, ...(search ? { query: search } : {}) })));
}

function createForm(view) {
  const name = h('input', { id: 'new-workflow-name', required: true, maxlength: 128 });
  const description = h('input', { id: 'new-workflow-description', maxlength: 1000 });
  const messages = messageArea();
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create workflow');
  const form = h('form', { class: 'inline-form', onsubmit: async (event) => {
    event.preventDefault();
    const created = await run(submit, messages, 'Could not create the workflow', () =>
      view.api.post('/v1/notification-templates', { name: name.value.trim(), description: description.value.trim() || undefined }));
    if (created) view.navigate(`workflows/${encodeURIComponent(created.data._id)}`);
  } }, field('Name', name), field('Description', description), submit);
  return h('details', { class: 'card' }, h('summary', {}, 'New workflow'), form, messages);
}
