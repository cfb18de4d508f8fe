// History: every promotion, rollback and discard, with its items, outcome and duration,
// and Roll back where the API says it is still allowed.
import { h, replace, formatDate, formatDuration, typeLabel, capitalise } from '../lib/dom.js';
import { withQuery } from '../lib/api.js';
import { trackPromotion } from '../lib/promotion.js';
import { pageHeading, messageArea, showError, showSuccess, clearMessages, table, empty, loading, pager, statusBadge, confirmDialog, run } from '../lib/ui.js';

const PAGE_SIZE = 20;

export default async function history(view) {
  view.setTitle('History');
  const ui = {
    view,
    page: Number(view.query.get('page') ?? 0),
    progress: h('div', { id: 'progress-area' }),
    messages: messageArea({ id: 'history-messages' }),
    list: h('div', { id: 'promotion-list' }, loading()),
  };
  const environmentName = (id) => view.environments.find((environment) => environment._id === id)?.name ?? 'another environment';
  ui.environmentName = environmentName;
  replace(view.main,
    pageHeading('History'),
    h('p', { class: 'lead' }, 'Every promotion is kept: who started it, what it changed, how it ended. A completed promotion can be rolled back while its target has not changed since.'),
    ui.progress, ui.messages, ui.list);
  await load(ui);
}

async function load(ui) {
  const { view } = ui;
  let envelope;
  try {
    envelope = await view.api.get(withQuery('/v1/promotions', { page: ui.page, limit: PAGE_SIZE }));
  } catch (error) {
    replace(ui.list);
    showError(ui.messages, error, 'Could not load the promotion history');
    return;
  }
  if (!view.isCurrent()) return;
  if (envelope.data.length === 0) {
    replace(ui.list, empty('No promotions yet.'));
    return;
  }
  const rows = h('tbody', {});
  for (const promotion of envelope.data) rows.append(...row(ui, promotion));
  replace(ui.list,
    h('table', { class: 'data', id: 'promotions' },
      h('caption', { class: 'visually-hidden' }, 'Promotions, newest first'),
      h('thead', {}, h('tr', {}, ['Started', 'Kind', 'Into', 'Status', 'Changes', 'Duration', 'By', 'Actions'].map((label) => h('th', { scope: 'col' }, label)))),
      rows),
    pager(envelope, (next) => view.navigate('history', { page: next })));
}

function row(ui, promotion) {
  const { view } = ui;
  const detailsRow = h('tr', { class: 'details', hidden: true }, h('td', { colspan: '8' }, loading()));
  const toggle = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'data-action': 'details' }, 'Items');
  toggle.addEventListener('click', async () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    detailsRow.hidden = !open;
    if (open) await loadItems(ui, promotion, detailsRow.firstChild);
  });
  const actions = [toggle];
  if (promotion.rollbackAllowed) {
    const rollback = h('button', { type: 'button', class: 'danger', 'data-action': 'rollback' }, 'Roll back');
    rollback.addEventListener('click', () => rollBack(ui, promotion, rollback));
    actions.push(rollback);
  }
  const main = h('tr', { 'data-promotion-id': promotion._id, 'data-status': promotion.status },
    h('td', {}, formatDate(promotion.createdAt)),
    h('td', {}, capitalise(promotion.kind), promotion.rollbackOf ? h('div', { class: 'muted' }, 'of an earlier promotion') : null),
    h('td', {}, ui.environmentName(promotion.targetEnvironmentId)),
    h('td', {}, statusBadge(promotion.status)),
    h('td', { class: 'num' }, String(promotion.itemCount ?? promotion.items?.length ?? 0)),
    h('td', {}, formatDuration(promotion.durationMs)),
    h('td', {}, promotion.requestedBy ?? '—'),
    h('td', {}, h('div', { class: 'actions' }, actions)));
  // a saga's reason can be long: it gets the table's full width, right under its promotion
  const reasonRow = promotion.failureReason
    ? h('tr', { class: 'reason', 'data-reason-for': promotion._id },
      h('td', { colspan: '8' }, h('p', { class: 'error-text' }, `Why it failed: ${promotion.failureReason}`)))
    : null;
  return [main, reasonRow, detailsRow].filter(Boolean);
}

const ITEMS_PAGE = 50;

/** A promotion of every change may carry thousands of items: they come a page at a time. */
async function loadItems(ui, promotion, cell, page = 0) {
  try {
    const envelope = await ui.view.api.get(withQuery(`/v1/promotions/${encodeURIComponent(promotion._id)}/items`, { page, limit: ITEMS_PAGE }));
    replace(cell, envelope.data.length === 0 ? empty('No items.') : [
      table([
        { label: 'Type', render: (item) => typeLabel(item.type) },
        { label: 'Name', render: (item) => item.name },
        { label: 'Change', render: (item) => capitalise(item.changeType) + (item.dependency ? ' (dependency)' : '') },
        { label: 'Revision', render: (item) => `${item.previousDeleted || item.previousRevision == null ? 'none' : item.previousRevision} → ${item.sourceRevision ?? '—'}` },
      ], envelope.data, { caption: 'Items of the promotion' }),
      envelope.totalCount > ITEMS_PAGE ? pager(envelope, (next) => loadItems(ui, promotion, cell, next)) : null,
    ],
    h('p', { class: 'muted' }, `Finished ${formatDate(promotion.finishedAt)} · id `, h('code', {}, promotion._id)));
  } catch (error) {
    replace(cell, h('p', { class: 'error', role: 'alert' }, `Could not load the items: ${error.message}`));
  }
}

async function rollBack(ui, promotion, button) {
  const { view } = ui;
  const target = ui.environmentName(promotion.targetEnvironmentId);
  const count = promotion.itemCount ?? 0;
  const sure = await confirmDialog({
    title: `Roll back this promotion into ${target}?`,
    body: h('p', {}, `${target} gets back what it held before, for the ${count} item${count === 1 ? '' : 's'} of the promotion of ${formatDate(promotion.createdAt)}. This runs as a new promotion and is kept in the history.`),
    confirmLabel: 'Roll back',
    danger: true,
  });
  if (!sure) return;
  clearMessages(ui.messages);
  const started = await run(button, ui.messages, 'Could not roll back', () =>
    view.api.post(`/v1/promotions/${encodeURIComponent(promotion._id)}/rollback`, {}));
  if (!started) return;
  ui.list.querySelectorAll('button[data-action="rollback"]').forEach((b) => { b.disabled = true; });
  const finished = await trackPromotion(view.api, started.data, ui.progress, { targetName: target, isCurrent: view.isCurrent });
  if (!view.isCurrent()) return;
  if (finished.status === 'completed') showSuccess(ui.messages, `Rolled back: ${target} is as it was before that promotion.`);
  view.refreshCount();
  await load(ui);
}
