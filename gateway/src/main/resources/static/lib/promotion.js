// Live progress of a promotion saga (also a rollback or a discard): polls
// GET /v1/promotions/{id} until it is completed or failed, and says why it failed.
import { h, replace, formatDuration } from './dom.js';
import { statusBadge } from './ui.js';

const POLL_MS = 500;
const MAX_CONSECUTIVE_ERRORS = 10;
const FINISHED = new Set(['completed', 'failed']);

const KIND_WORDS = {
  promotion: ['Promoting', 'Promotion'],
  rollback: ['Rolling back', 'Rollback'],
  discard: ['Discarding', 'Discard'],
};

function sentence(text) {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function words(kind) {
  return KIND_WORDS[kind] ?? KIND_WORDS.promotion;
}

function headline(promotion, targetName) {
  const [doing, noun] = words(promotion.kind);
  const count = promotion.itemCount ?? promotion.items?.length ?? 0;
  const things = `${count} change${count === 1 ? '' : 's'}`;
  switch (promotion.status) {
    case 'completed':
      return `${noun} completed: ${things} in ${formatDuration(promotion.durationMs)}.`;
    case 'failed':
      return `${noun} failed.`;
    case 'compensating':
      return `${noun} is failing: undoing the steps already applied…`;
    default:
      return `${doing} ${things}${targetName && promotion.kind !== 'discard' ? ` to ${targetName}` : ''}…`;
  }
}

/**
 * Renders the promotion into `container` and keeps it current.
 * @returns a promise of the finished promotion (or the last one seen if polling gave up)
 */
export function trackPromotion(api, promotion, container, { targetName, isCurrent = () => true } = {}) {
  const panel = h('section', { class: 'card progress-panel', id: 'promotion-progress', 'aria-label': 'Promotion progress' });
  replace(container, panel);

  const draw = (current, trouble) => {
    panel.dataset.status = current.status;
    panel.dataset.promotionId = current._id;
    const total = current.stepsTotal ?? 0;
    const applied = current.stepsApplied ?? 0;
    const finished = FINISHED.has(current.status);
    replace(panel,
      h('h2', {}, headline(current, targetName), ' ', statusBadge(current.status)),
      // indeterminate while the saga has not said how many steps it has
      total > 0 && !finished
        ? h('progress', { max: String(total), value: String(applied), 'aria-label': `${applied} of ${total} steps applied` })
        : (!finished ? h('progress', { 'aria-label': 'Working' }) : null),
      h('p', { role: 'status', id: 'promotion-status', class: 'muted' },
        finished ? `Status: ${current.status}.` : `Status: ${current.status}. ${applied} of ${total || '?'} steps applied.`),
      current.status === 'failed'
        ? h('p', { class: 'error', role: 'alert', id: 'promotion-failure' },
          `Reason: ${sentence(current.failureReason || 'the saga did not report one')} `
          + `Nothing of it stays applied: ${targetName && current.kind !== 'discard' ? targetName : 'the target'} is as it was before.`)
        : null,
      trouble ? h('p', { class: 'notice', role: 'status' }, trouble) : null,
      h('p', { class: 'muted' }, 'Promotion ', h('code', {}, current._id), ' · ', h('a', { href: '#/history' }, 'History')));
  };

  draw(promotion);
  return new Promise((resolve) => {
    let latest = promotion;
    let errors = 0;
    const poll = async () => {
      if (FINISHED.has(latest.status)) {
        resolve(latest);
        return;
      }
      if (!isCurrent()) {
        resolve(latest); // the page was left; History shows how it ended
        return;
      }
      try {
        latest = (await api.get(`/v1/promotions/${encodeURIComponent(latest._id)}`)).data;
        errors = 0;
        draw(latest);
      } catch (error) {
        errors += 1;
        if (errors >= MAX_CONSECUTIVE_ERRORS) {
          draw(latest, `Stopped watching: ${error.message} See History for how it ends.`);
          resolve(latest);
          return;
        }
        draw(latest, `Could not read the progress (${error.message}) Retrying…`);
      }
      setTimeout(poll, POLL_MS);
    };
    setTimeout(poll, FINISHED.has(promotion.status) ? 0 : POLL_MS);
  });
}
