// Brand: the logo, colours and font templates can use as {{brand.*}}. Promotable like workflows.
import { h, field, replace, formatDate } from '../lib/dom.js';
import { pageHeading, messageArea, showError, showSuccess, loading, readOnlyNotice, run } from '../lib/ui.js';

const FIELDS = [
  ['logo', 'Logo URL', 'An http(s) address. Leave empty for no logo.'],
  ['color', 'Colour', '#rgb or #rrggbb'],
  ['fontColor', 'Font colour', '#rgb or #rrggbb'],
  ['contentBackground', 'Content background', '#rgb or #rrggbb'],
  ['fontFamily', 'Font family', 'A CSS font stack'],
];

export default async function brand(view) {
  view.setTitle('Brand');
  const messages = messageArea({ id: 'brand-messages' });
  replace(view.main, pageHeading('Brand'), loading());
  let current;
  try {
    current = (await view.api.get('/v1/organizations/branding')).data;
  } catch (error) {
    replace(view.main, pageHeading('Brand'), messages);
    showError(messages, error, 'Could not load the brand');
    return;
  }
  if (!view.isCurrent()) return;
  const inputs = Object.fromEntries(FIELDS.map(([key]) => [key, h('input', { id: `brand-${key}`, value: current[key] ?? '' })]));
  const save = h('button', { type: 'submit', class: 'primary', id: 'brand-save' }, 'Save brand');
  const form = h('form', { class: 'card', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(FIELDS.map(([key]) => [key, inputs[key].value.trim()]));
    const saved = await run(save, messages, 'Could not save the brand', () => view.api.put('/v1/organizations/branding', body));
    if (saved) {
      showSuccess(messages, 'Saved. ', view.target ? h('a', { href: '#/changes' }, `Promote it to ${view.target.name} from the Changes page.`) : '');
      view.refreshCount();
    }
  } },
  h('fieldset', { disabled: view.readOnly },
    h('legend', { class: 'visually-hidden' }, 'Brand'),
    h('div', { class: 'form-grid' }, FIELDS.map(([key, label, hint]) => field(label, inputs[key], hint))),
    h('p', {}, 'Preview: ', ['color', 'fontColor', 'contentBackground'].map((key) => swatch(current[key], key)), h('span', { class: 'muted' }, `Updated ${formatDate(current.updatedAt)}`)),
    h('div', { class: 'actions' }, save)),
  messages);
  replace(view.main, pageHeading('Brand'), view.readOnly ? readOnlyNotice(view) : null, form);
}

function swatch(color, label) {
  const el = h('span', { class: 'swatch', title: `${label}: ${color ?? 'none'}`, role: 'img', 'aria-label': `${label} ${color ?? 'none'}` });
  // only a colour the API validated (#rgb / #rrggbb) is ever put into a style
  if (typeof color === 'string' && /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(color)) el.style.background = color;
  return el;
}
