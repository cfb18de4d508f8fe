// Layouts: the HTML that wraps email content. List, view, create, make default, delete.
import { h, field, checkbox, replace, formatDate } from '../lib/dom.js';
import { withQuery } from '../lib/api.js';
import { pageHeading, messageArea, showError, table, empty, loading, pager, badge, readOnlyNotice, run, confirmDialog, facts } from '../lib/ui.js';

export default async function layouts(view) {
  view.setTitle('Layouts');
  const page = Number(view.query.get('page') ?? 0);
  const messages = messageArea({ id: 'layout-messages' });
  const listArea = h('div', {}, loading());
  replace(view.main,
    pageHeading('Layouts'),
    h('p', { class: 'lead' }, 'Email steps are wrapped in their layout, or in the default one. A layout must hold {{{body}}}.'),
    view.readOnly ? readOnlyNotice(view) : createForm(view, messages),
    messages,
    listArea);
  let envelope;
  try {
    envelope = await view.api.get(withQuery('/v1/layouts', { page, limit: 20 }));
  } catch (error) {
    replace(listArea);
    showError(messages, error, 'Could not load the layouts');
    return;
  }
  if (!view.isCurrent()) return;
  if (envelope.data.length === 0) {
    replace(listArea, empty('No layouts yet.'));
    return;
  }
  replace(listArea, envelope.data.map((layout) => card(view, layout, messages)), pager(envelope, (next) => view.navigate('layouts', { page: next })));
}

function card(view, layout, messages) {
  const buttons = [];
  if (!view.readOnly) {
    if (!layout.isDefault) {
      const makeDefault = h('button', { type: 'button', class: 'secondary' }, 'Make default');
      makeDefault.addEventListener('click', async () => {
        const done = await run(makeDefault, messages, 'Could not make it the default', () =>
          view.api.post(`/v1/layouts/${encodeURIComponent(layout._id)}/default`));
        if (done) {
          view.refreshCount();
          view.navigate('layouts');
        }
      });
      buttons.push(makeDefault);
    }
    const remove = h('button', { type: 'button', class: 'danger' }, 'Delete');
    remove.addEventListener('click', async () => {
      const sure = await confirmDialog({ title: `Delete the layout “${layout.name}”?`, body: h('p', {}, 'Email steps that use it need another layout.'), confirmLabel: 'Delete layout', danger: true });
      if (!sure) return;
      const done = await run(remove, messages, 'Could not delete the layout', () => view.api.del(`/v1/layouts/${encodeURIComponent(layout._id)}`).then(() => true));
      if (done) {
        view.refreshCount();
        view.navigate('layouts');
      }
    });
    buttons.push(remove);
  }
  return h('section', { class: 'card', 'aria-label': layout.name },
    h('h2', {}, layout.name, ' ', layout.isDefault ? badge('Default', 'good') : null),
    facts([
      ['Identifier', h('code', {}, layout.identifier)],
      ['Description', layout.description || '—'],
      ['Variables', (layout.variables ?? []).map((v) => v.name ?? v).join(', ') || '—'],
      ['Updated', formatDate(layout.updatedAt)],
    ]),
    h('details', {}, h('summary', {}, 'Show the HTML'), h('pre', {}, layout.content ?? '')),
    buttons.length ? h('div', { class: 'actions' }, buttons) : null);
}

function createForm(view, messages) {
  const name = h('input', { id: 'new-layout-name', required: true, maxlength: 128 });
  const content = h('textarea', { id: 'new-layout-content', value: '<html><body>{{{body}}}</body></html>' });
  const isDefault = checkbox('Make it the default layout', { id: 'new-layout-default' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create layout');
  const form = h('form', { onsubmit: async (event) => {
    event.preventDefault();
    const created = await run(submit, messages, 'Could not create the layout', () => view.api.post('/v1/layouts', {
      name: name.value.trim(), content: content.value, isDefault: isDefault.querySelector('input').checked,
    }));
    if (created) {
      view.refreshCount();
      view.navigate('layouts');
    }
  } }, field('Name', name), field('HTML', content, 'Must contain {{{body}}} where the step content goes.'), isDefault, h('div', { class: 'actions' }, submit));
  return h('details', { class: 'card' }, h('summary', {}, 'New layout'), form);
}
