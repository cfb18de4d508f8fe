// Building blocks every page shares: headings, messages, tables, pagers, confirmations.
import { h, replace } from './dom.js';

/** The page's <h1>; focused after navigation so keyboard and screen reader users land on it. */
export function pageHeading(title, ...extra) {
  return h('div', { class: 'page-heading' }, h('h1', { tabindex: '-1' }, title), ...extra);
}

/** An area where an action reports what happened: errors as alerts, success as polite status. */
export function messageArea(attrs = {}) {
  return h('div', { class: 'messages', ...attrs });
}

export function showError(area, error, context) {
  const text = context ? `${context}: ${error.message}` : error.message;
  replace(area, h('p', { class: 'error', role: 'alert' }, text));
  reveal(area);
}

export function showSuccess(area, ...content) {
  replace(area, h('p', { class: 'success', role: 'status' }, ...content));
  reveal(area);
}

/** A message below the fold would go unseen on a laptop screen. */
function reveal(area) {
  if (area.isConnected) area.scrollIntoView({ block: 'nearest' });
}

export function clearMessages(area) {
  area.replaceChildren();
}

/**
 * Runs an action from a button: disables it while the request runs (no double submits), shows
 * "Working…" on it, and reports a failure in `area` in the API's own words.
 */
export async function run(button, area, context, action) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = 'Working…';
  clearMessages(area);
  try {
    return await action();
  } catch (error) {
    showError(area, error, context);
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
}

/** A table from column definitions: [{label, render: row => Node|string, class?}]. */
export function table(columns, rows, { caption, rowAttrs } = {}) {
  return h('table', { class: 'data' },
    caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col', class: column.class }, column.label)))),
    h('tbody', {}, rows.map((row) => h('tr', rowAttrs ? rowAttrs(row) : {},
      columns.map((column) => h('td', { class: column.class }, column.render(row)))))));
}

export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, text);
}

/** Previous / next for the API's pages ({page, pageSize, totalCount, hasMore}). */
export function pager(envelope, onPage) {
  const page = envelope.page ?? 0;
  const size = envelope.pageSize ?? (envelope.data?.length || 1);
  const total = envelope.totalCount ?? envelope.data?.length ?? 0;
  const first = total === 0 ? 0 : page * size + 1;
  const last = page * size + (envelope.data?.length ?? 0);
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', class: 'secondary', disabled: page === 0, onclick: () => onPage(page - 1) }, '← Previous'),
    h('span', { role: 'status' }, total === 0 ? 'None' : `${first}–${last} of ${total}`),
    h('button', { type: 'button', class: 'secondary', disabled: !envelope.hasMore, onclick: () => onPage(page + 1) }, 'Next →'));
}

export function badge(text, kind = 'neutral', attrs = {}) {
  return h('span', { class: `badge badge-${kind}`, ...attrs }, text);
}

const STATUS_KINDS = { completed: 'good', success: 'good', failed: 'bad', running: 'busy', compensating: 'warn', skipped: 'neutral' };

export function statusBadge(status) {
  return badge(status ?? 'unknown', STATUS_KINDS[status] ?? 'neutral', { 'data-status': status ?? '' });
}

/**
 * A modal confirmation on the native <dialog> (focus trapped, Escape cancels).
 * Resolves true only when the confirm button is pressed.
 */
export function confirmDialog({ title, body, confirmLabel = 'Confirm', danger = false }) {
  return new Promise((resolve) => {
    const confirm = h('button', { type: 'button', class: danger ? 'danger' : 'primary', 'data-action': 'confirm' }, confirmLabel);
    const cancel = h('button', { type: 'button', class: 'secondary', 'data-action': 'cancel' }, 'Cancel');
    const heading = h('h2', { id: `dialog-title-${Date.now()}` }, title);
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': heading.id },
      heading, h('div', { class: 'dialog-body' }, body), h('div', { class: 'actions' }, cancel, confirm));
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    confirm.addEventListener('click', () => close(true));
    cancel.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus(); // the safe choice has focus: Enter alone never deletes or promotes anything
  });
}

/** Definition list from [label, value] pairs. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value ?? '—')]));
}

/** The notice shown on every editing page of a read-only environment. */
export function readOnlyNotice(view) {
  const source = view.source ? view.source.name : 'its source environment';
  return h('p', { class: 'notice readonly-notice', role: 'note', id: 'read-only-notice' },
    `${view.me.name} is read-only: its content changes only by promotion. Make changes in ${source} and promote them.`);
}
