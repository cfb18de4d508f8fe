// One workflow: its settings in a form (disabled where the environment is read-only) and its steps.
import { h, field, checkbox, replace, formatDate } from '../lib/dom.js';
import { withQuery } from '../lib/api.js';
import { pageHeading, messageArea, showError, showSuccess, loading, facts, badge, readOnlyNotice, run, confirmDialog, table } from '../lib/ui.js';

const CHANNELS = [['in_app', 'In-app'], ['email', 'Email'], ['sms', 'SMS'], ['chat', 'Chat'], ['push', 'Push']];

export default async function workflow(view) {
  view.setTitle('Workflow');
  const id = view.params.id;
  replace(view.main, pageHeading('Workflow'), loading());
  let current;
  let groups;
  try {
    [current, groups] = await Promise.all([
      view.api.get(`/v1/notification-templates/${encodeURIComponent(id)}`),
      view.api.get(withQuery('/v1/notification-groups', { limit: 100 })),
    ]);
  } catch (error) {
    const messages = messageArea();
    replace(view.main, pageHeading('Workflow'), backLink(), messages);
    showError(messages, error, 'Could not load the workflow');
    return;
  }
  if (!view.isCurrent()) return;
  render(view, current.data, groups.data);
}

function backLink() {
  return h('p', {}, h('a', { href: '#/workflows' }, '← All workflows'));
}

function render(view, workflow, groups) {
  view.setTitle(workflow.name);
  const messages = messageArea({ id: 'workflow-messages' });
  const name = h('input', { id: 'workflow-name', value: workflow.name, required: true, maxlength: 128 });
  const description = h('textarea', { id: 'workflow-description', maxlength: 1000, value: workflow.description ?? '' });
  const tags = h('input', { id: 'workflow-tags', value: (workflow.tags ?? []).join(', ') });
  const groupId = workflow._notificationGroupId ?? workflow.notificationGroupId;
  const group = h('select', { id: 'workflow-group' }, groups.map((g) => h('option', { value: g._id, selected: g._id === groupId }, g.name)));
  const active = checkbox('Active: triggers run this workflow', { id: 'workflow-active', checked: Boolean(workflow.active) });
  const critical = checkbox('Critical: subscribers cannot opt out', { id: 'workflow-critical', checked: Boolean(workflow.critical) });
  const channels = CHANNELS.map(([key, label]) => checkbox(label, { id: `workflow-channel-${key}`, checked: workflow.preferenceSettings?.[key] !== false }));

  const save = h('button', { type: 'submit', class: 'primary', id: 'workflow-save' }, 'Save changes');
  const remove = h('button', { type: 'button', class: 'danger', id: 'workflow-delete' }, 'Delete workflow');
  // One <fieldset disabled> switches off every control at once in a read-only environment.
  const fieldset = h('fieldset', { id: 'workflow-fieldset', disabled: view.readOnly },
    h('legend', { class: 'visually-hidden' }, 'Workflow settings'),
    h('div', { class: 'form-grid' },
      field('Name', name),
      field('Group', group),
      h('div', { class: 'wide' }, field('Description', description)),
      field('Tags', tags, 'Separate tags with commas.'),
      h('div', {}, active, critical)),
    h('fieldset', { class: 'channels' }, h('legend', {}, h('strong', {}, 'Channels on by default')), h('div', { class: 'inline-form' }, channels)),
    h('div', { class: 'actions' }, save, remove));
  const form = h('form', { id: 'workflow-form', class: 'card', novalidate: true }, fieldset, messages);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!name.value.trim()) {
      showError(messages, new Error('A workflow needs a name.'));
      name.focus();
      return;
    }
    const body = {
      name: name.value.trim(),
      description: description.value,
      tags: tags.value.split(',').map((tag) => tag.trim()).filter(Boolean),
      active: active.querySelector('input').checked,
      critical: critical.querySelector('input').checked,
      notificationGroupId: group.value || undefined,
      preferenceSettings: Object.fromEntries(CHANNELS.map(([key], index) => [key, channels[index].querySelector('input').checked])),
    };
    const saved = await run(save, messages, 'Could not save the workflow', () =>
      view.api.put(`/v1/notification-templates/${encodeURIComponent(workflow._id)}`, body));
    if (!saved || !view.isCurrent()) return;
    render(view, saved.data, groups);
    const after = document.getElementById('workflow-messages');
    showSuccess(after, 'Saved. ', view.target ? h('a', { href: '#/changes' }, `Review it on the Changes page before promoting to ${view.target.name}.`) : '');
    view.refreshCount();
  });

  remove.addEventListener('click', async () => {
    const sure = await confirmDialog({
      title: `Delete “${workflow.name}”?`,
      body: h('p', {}, view.target
        ? `It disappears from ${view.me.name} now, and from ${view.target.name} when the deletion is promoted.`
        : `It disappears from ${view.me.name}.`),
      confirmLabel: 'Delete workflow',
      danger: true,
    });
    if (!sure) return;
    const deleted = await run(remove, messages, 'Could not delete the workflow', () =>
      view.api.del(`/v1/notification-templates/${encodeURIComponent(workflow._id)}`).then(() => true));
    if (deleted) {
      view.refreshCount();
      view.navigate('workflows');
    }
  });

  replace(view.main,
    pageHeading(workflow.name, workflow.active ? badge('Active', 'good') : badge('Inactive', 'neutral')),
    backLink(),
    view.readOnly ? readOnlyNotice(view) : null,
    h('div', { class: 'card' }, facts([
      ['Identifier', h('code', {}, workflow.identifier)],
      ['Trigger variables', (workflow.variables ?? []).map((v) => v.name).join(', ') || '—'],
      ['Updated', formatDate(workflow.updatedAt)],
      ['Id', h('code', {}, workflow._id)],
    ])),
    form,
    h('h2', {}, 'Steps'),
    steps(workflow.steps ?? []));
}

function steps(list) {
  if (list.length === 0) return h('p', { class: 'empty' }, 'This workflow has no steps.');
  return table([
    { label: 'Step', render: (s) => s.name ?? s.type },
    { label: 'Type', render: (s) => h('code', {}, s.type) },
    { label: 'Active', render: (s) => (s.active === false ? badge('Off', 'neutral') : badge('On', 'good')) },
    { label: 'Content', render: (s) => h('div', {},
      s.template?.subject ? h('div', {}, h('strong', {}, 'Subject: '), s.template.subject) : null,
      s.template?.content ? h('pre', {}, s.template.content) : h('span', { class: 'muted' }, '—')) },
  ], list, { caption: 'Steps' });
}
