// The Changes page: what the source environment has that its target does not, a field-level diff
// of each change, Apply and Discard per change, and "Promote all" with a dry-run preview first.
import { h, replace, formatDate, typeLabel, capitalise } from '../lib/dom.js';
import { withQuery } from '../lib/api.js';
import { fieldChanges, displayValue } from '../lib/diff.js';
import { trackPromotion } from '../lib/promotion.js';
import { pageHeading, messageArea, showError, showSuccess, clearMessages, table, empty, loading, pager, badge, run, confirmDialog } from '../lib/ui.js';

const PAGE_SIZE = 20;
const OPEN_DIFFS_UP_TO = 5; // a short list shows every diff at once; a long one stays scannable

const CHANGE_KINDS = { created: 'good', updated: 'busy', deleted: 'bad' };

export default async function changes(view) {
  view.setTitle('Changes');
  if (!view.target) {
    replace(view.main, pageHeading('Changes'),
      h('p', { class: 'notice', role: 'note' }, `${view.me.name} is the last environment of the chain: nothing is promoted from here. `,
        view.source ? `Its content comes from ${view.source.name}; switch to it to review pending changes.` : ''));
    return;
  }
  const page = Number(view.query.get('page') ?? 0);
  const ui = {
    view,
    page,
    promoteAll: h('button', { type: 'button', class: 'primary', id: 'promote-all', disabled: true }, 'Promote all changes'),
    progress: h('div', { id: 'progress-area' }),
    plan: h('div', { id: 'plan-area' }),
    messages: messageArea({ id: 'changes-messages' }),
    list: h('div', { id: 'change-list' }, loading()),
    busy: false,
  };
  ui.promoteAll.addEventListener('click', () => preview(ui));
  // Pending changes are derived from revision events, a moment after each save: a way to look again.
  const refresh = h('button', { type: 'button', class: 'secondary', id: 'refresh-changes' }, 'Refresh');
  refresh.addEventListener('click', () => run(refresh, ui.messages, 'Could not refresh', async () => {
    view.refreshCount();
    await loadList(ui);
  }));
  replace(view.main,
    pageHeading('Changes', h('div', { class: 'actions' }, refresh, ui.promoteAll)),
    h('p', { class: 'lead' }, `Everything in ${view.me.name} that ${view.target.name} does not have yet. Review each diff, then apply changes one by one or promote them all.`),
    ui.progress, ui.plan, ui.messages, ui.list);
  await loadList(ui);
}

async function loadList(ui) {
  const { view } = ui;
  let envelope;
  try {
    envelope = await view.api.get(withQuery('/v1/changes', { promoted: false, page: ui.page, limit: PAGE_SIZE }));
  } catch (error) {
    replace(ui.list);
    showError(ui.messages, error, 'Could not load the pending changes');
    return;
  }
  if (!view.isCurrent()) return;
  ui.promoteAll.disabled = ui.busy || envelope.totalCount === 0;
  if (envelope.data.length === 0) {
    replace(ui.list, empty(`No pending changes: ${view.target.name} has everything ${view.me.name} has.`));
    return;
  }
  const openDiffs = envelope.data.length <= OPEN_DIFFS_UP_TO;
  replace(ui.list,
    h('p', { class: 'muted', id: 'pending-total' }, `${envelope.totalCount} pending change${envelope.totalCount === 1 ? '' : 's'}`),
    envelope.data.map((change) => changeCard(ui, change, openDiffs)),
    pager(envelope, (next) => view.navigate('changes', { page: next })));
}

function changeCard(ui, change, openDiff) {
  const { view } = ui;
  const apply = h('button', { type: 'button', class: 'secondary', 'data-action': 'apply', disabled: ui.busy }, 'Apply');
  const discard = h('button', { type: 'button', class: 'danger', 'data-action': 'discard', disabled: ui.busy }, 'Discard');
  const diffArea = h('div', { class: 'diff-area' }, loading('Loading the diff…'));
  const details = h('details', { 'data-diff': change._id }, h('summary', {}, 'Differences'), diffArea);
  let loaded = false;
  const loadDiff = async () => {
    if (loaded) return;
    loaded = true;
    try {
      const diff = (await view.api.get(`/v1/changes/${encodeURIComponent(change._id)}/diff`)).data;
      replace(diffArea, diffTable(diff, view));
    } catch (error) {
      loaded = false;
      replace(diffArea, h('p', { class: 'error', role: 'alert' }, `Could not load the diff: ${error.message}`));
    }
  };
  details.addEventListener('toggle', () => details.open && loadDiff());
  if (openDiff) details.open = true; // fires "toggle", which loads it

  apply.addEventListener('click', () => act(ui, apply, `Could not apply “${change.name}”`,
    () => view.api.post(`/v1/changes/${encodeURIComponent(change._id)}/apply`, {})));
  discard.addEventListener('click', async () => {
    const sure = await confirmDialog({
      title: `Discard the change to “${change.name}”?`,
      body: h('p', {}, change.changeType === 'created'
        ? `The ${typeLabel(change.type).toLowerCase()} is removed from ${view.me.name}, since ${view.target.name} does not have it.`
        : `${view.me.name} goes back to what ${view.target.name} has. Your edit is lost.`),
      confirmLabel: 'Discard change',
      danger: true,
    });
    if (sure) act(ui, discard, `Could not discard “${change.name}”`, () => view.api.del(`/v1/changes/${encodeURIComponent(change._id)}`));
  });

  return h('article', { class: 'change', 'data-change-id': change._id, 'data-change-name': change.name, 'aria-label': `${typeLabel(change.type)} ${change.name}` },
    h('div', { class: 'change-head' },
      badge(typeLabel(change.type), 'neutral'),
      h('span', { class: 'name' }, change.name),
      badge(capitalise(change.changeType), CHANGE_KINDS[change.changeType] ?? 'neutral', { 'data-change-type': change.changeType }),
      h('span', { class: 'meta' }, `by ${change.changedBy ?? 'unknown'} · ${formatDate(change.changedAt)}`),
      h('div', { class: 'actions' }, apply, discard)),
    details);
}

function diffTable(diff, view) {
  const rows = fieldChanges(diff);
  if (rows.length === 0) return h('p', { class: 'muted' }, 'No field differs.');
  const cell = (value, side) => {
    const shown = displayValue(value);
    return h('td', { class: [side, shown.absent ? 'absent' : ''] }, shown.text);
  };
  return h('table', { class: 'diff' },
    h('caption', { class: 'visually-hidden' }, `Differences between ${view.target.name} and ${view.me.name}`),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Field'),
      h('th', { scope: 'col' }, `${view.target.name} (before)`),
      h('th', { scope: 'col' }, `${view.me.name} (after)`))),
    h('tbody', {}, rows.map((row) => h('tr', { 'data-field': row.tokens.join('/') },
      h('th', { scope: 'row' }, row.field), cell(row.before, 'before'), cell(row.after, 'after')))));
}

/** Dry run first: what would be promoted, what it drags along, what to watch out for. */
async function preview(ui) {
  const { view } = ui;
  clearMessages(ui.messages);
  const plan = await run(ui.promoteAll, ui.messages, 'Could not prepare the promotion', () =>
    view.api.post('/v1/promotions', { all: true, dryRun: true }));
  if (!plan || !view.isCurrent()) return;
  const data = plan.data;
  // `items` is everything the promotion would carry (requested changes and their dependencies);
  // `dependencies` repeats the ones that were pulled in only because an item needs them.
  const items = data.items ?? [];
  const dependencies = data.dependencies ?? [];
  const warnings = data.warnings ?? [];
  const total = items.length;
  const confirm = h('button', { type: 'button', class: 'primary', id: 'confirm-promotion' }, `Promote ${total} change${total === 1 ? '' : 's'}`);
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'cancel-promotion', onclick: () => replace(ui.plan) }, 'Cancel');
  const planItems = (list) => table([
    { label: 'Type', render: (item) => typeLabel(item.type) },
    { label: 'Name', render: (item) => item.name },
    { label: 'Change', render: (item) => capitalise(item.changeType) + (item.dependency ? ' (dependency)' : '') },
    { label: 'Revision', class: 'num', render: (item) => `${item.targetRevision ?? '—'} → ${item.sourceRevision ?? '—'}` },
  ], list, { rowAttrs: (item) => ({ 'data-plan-item': item.name }) });
  const section = h('section', { class: 'card plan', id: 'promotion-plan', 'aria-labelledby': 'plan-title' },
    h('h2', { id: 'plan-title', tabindex: '-1' }, `Preview: promote to ${view.target.name}`),
    h('p', { class: 'muted' }, 'A dry run: nothing has changed yet.'),
    h('h3', {}, `Items (${items.length})`),
    items.length ? planItems(items) : empty('Nothing to promote.'),
    h('h3', {}, `Dependencies (${dependencies.length})`),
    dependencies.length
      ? [h('p', { class: 'muted' }, `Included because the items need them and ${view.target.name} does not have them yet:`), planItems(dependencies)]
      : empty(`None: everything the items need is in ${view.target.name} already or part of the promotion.`),
    h('h3', {}, `Warnings (${warnings.length})`),
    warnings.length ? h('ul', { class: 'warnings', id: 'plan-warnings' }, warnings.map((w) => h('li', {}, w))) : empty('No warnings.'),
    h('div', { class: 'actions' }, cancel, confirm));
  confirm.disabled = total === 0;
  confirm.addEventListener('click', async () => {
    const started = await run(confirm, ui.messages, 'Could not start the promotion', () => view.api.post('/v1/promotions', { all: true }));
    if (started) {
      replace(ui.plan);
      await follow(ui, started.data);
    }
  });
  replace(ui.plan, section);
  section.querySelector('h2').focus();
}

/** Runs an action that answers a promotion (apply, discard) and follows it to the end. */
async function act(ui, button, context, action) {
  clearMessages(ui.messages);
  try {
    button.disabled = true;
    const started = await action();
    await follow(ui, started.data);
  } catch (error) {
    button.disabled = false;
    showError(ui.messages, error, context);
    offerRunning(ui, error);
  }
}

/** 409 "another promotion is running" names it: let the user watch that one instead. */
function offerRunning(ui, error) {
  const runningId = error.problem?.promotionId;
  if (!runningId) return;
  const watch = h('button', { type: 'button', class: 'secondary' }, 'Watch the running promotion');
  watch.addEventListener('click', async () => {
    try {
      const running = await ui.view.api.get(`/v1/promotions/${encodeURIComponent(runningId)}`);
      clearMessages(ui.messages);
      await follow(ui, running.data);
    } catch (watchError) {
      showError(ui.messages, watchError, 'Could not read the running promotion');
    }
  });
  ui.messages.append(h('div', { class: 'actions' }, watch));
}

async function follow(ui, promotion) {
  const { view } = ui;
  ui.busy = true;
  ui.promoteAll.disabled = true;
  ui.list.querySelectorAll('button[data-action]').forEach((button) => { button.disabled = true; });
  const finished = await trackPromotion(view.api, promotion, ui.progress, { targetName: view.target.name, isCurrent: view.isCurrent });
  ui.busy = false;
  if (!view.isCurrent()) return;
  if (finished.status === 'completed') {
    showSuccess(ui.messages, finished.kind === 'discard' ? 'Discarded.' : `Done: ${view.target.name} is up to date with these changes.`);
  }
  view.refreshCount();
  await loadList(ui);
}
