// Tiny DOM helpers. Every text from the API goes through text nodes, never innerHTML,
// so a workflow named "<script>" is shown as exactly that and never runs.

const BOOLEAN_PROPS = new Set(['disabled', 'checked', 'hidden', 'required', 'open', 'selected', 'readOnly', 'multiple']);

/** h('button', {class: 'primary', onclick: fn}, 'Save') -> <button class="primary">Save</button> */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null) continue;
    if (name === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (BOOLEAN_PROPS.has(name) || name === 'value') {
      el[name] = value;
    } else if (value !== false) {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let counter = 0;
/** A fresh element id, so every label can point at its control with for=. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** A labelled control: <div class="field"><label for=id>..</label>control<small>hint</small></div> */
export function field(label, control, hint) {
  if (!control.id) control.id = uid('field');
  const hintEl = hint ? h('small', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

/** A checkbox with its label after it, the way people expect to read it. */
export function checkbox(label, attrs = {}) {
  const input = h('input', { type: 'checkbox', id: attrs.id ?? uid('check'), ...attrs });
  return h('div', { class: 'field checkbox' }, input, h('label', { for: input.id }, label));
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : dateFormat.format(date);
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "created" -> "Created"; API words read better capitalised in a table. */
export function capitalise(text) {
  const s = String(text ?? '');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const TYPE_LABELS = {
  workflow: 'Workflow',
  notification_group: 'Notification group',
  layout: 'Layout',
  feed: 'Feed',
  brand: 'Brand',
};

export function typeLabel(type) {
  return TYPE_LABELS[type] ?? capitalise(String(type).replaceAll('_', ' '));
}
