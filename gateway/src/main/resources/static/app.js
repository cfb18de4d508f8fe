// The admin panel's shell: who is signed in (which environment, with which key), the environment
// switcher, the navigation, and a hash router (#/workflows, #/changes ...) that loads one page
// module at a time. Pages get a `view` with everything they need and never touch the session.
import { h, replace } from './lib/dom.js';
import { createClient, request } from './lib/api.js';
import * as session from './lib/session.js';
import { badge } from './lib/ui.js';
import { renderSignIn, renderEnvironmentKey } from './pages/signin.js';

const SECTIONS = [
  { title: 'Content', links: [['workflows', 'Workflows'], ['groups', 'Groups'], ['layouts', 'Layouts'], ['feeds', 'Feeds'], ['brand', 'Brand']] },
  { title: 'Promotion', links: [['changes', 'Changes'], ['history', 'History']] },
  { title: 'Operations', links: [['subscribers', 'Subscribers'], ['activity', 'Activity'], ['keys', 'API keys']] },
];

// Loaded on first visit only, so signing in downloads just the shell.
const PAGES = {
  workflows: () => import('./pages/workflows.js'),
  workflow: () => import('./pages/workflow.js'),
  groups: () => import('./pages/groups.js'),
  layouts: () => import('./pages/layouts.js'),
  feeds: () => import('./pages/feeds.js'),
  brand: () => import('./pages/brand.js'),
  changes: () => import('./pages/changes.js'),
  history: () => import('./pages/history.js'),
  subscribers: () => import('./pages/subscribers.js'),
  subscriber: () => import('./pages/subscriber.js'),
  activity: () => import('./pages/activity.js'),
  keys: () => import('./pages/keys.js'),
};
// "#/workflows/<id>" opens the page named on the right
const DETAIL_PAGES = { workflows: 'workflow', subscribers: 'subscriber' };

const DEFAULT_ROUTE = 'workflows';

const state = {
  me: null, // GET /v1/environments/me of the current key
  environments: [], // the organization's environments, in chain order
  token: 0, // bumped on every navigation; a page whose token is stale stops updating the screen
};

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const environmentBar = document.getElementById('environment-bar');

const api = createClient(session.currentSecret, (error, secret) => {
  // The current key stopped working (revoked, rotated elsewhere, expired): ask for a new one.
  if (state.me && secret === session.keyFor(state.me._id)) {
    session.forget(state.me._id);
    session.setCurrent(state.me._id);
    navigate(`switch/${state.me._id}`, { then: currentPath(), reason: error.message });
  }
});

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = raw.split('?');
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { path, segments, query: new URLSearchParams(search) };
}

function currentPath() {
  const { path } = parseHash();
  return path && !path.startsWith('switch') && path !== 'signin' ? path : DEFAULT_ROUTE;
}

export function navigate(path, query) {
  const search = query ? `?${new URLSearchParams(query)}` : '';
  const hash = `#/${path}${search}`;
  if (location.hash === hash) route();
  else location.hash = hash;
}

/** Identifies `environmentId`'s stored key and makes it the current environment. */
async function enter(environmentId) {
  const secret = session.keyFor(environmentId);
  if (!secret) throw new Error('No key is known for this environment.');
  const me = (await request(secret, 'GET', '/v1/environments/me')).data;
  if (me._id !== environmentId) throw new Error('The stored key belongs to another environment.');
  const environments = (await request(secret, 'GET', '/v1/environments')).data;
  state.me = me;
  state.environments = environments;
  session.setCurrent(me._id);
}

function environmentLabel(environment) {
  return environment.readOnly ? `${environment.name} (read-only)` : environment.name;
}

function renderChrome(active) {
  if (!state.me) {
    environmentBar.hidden = true;
    nav.hidden = true;
    return;
  }
  const select = h('select', { id: 'environment-select', 'aria-describedby': 'environment-state', onchange: (event) => chooseEnvironment(event.target.value) },
    state.environments.map((environment) => h('option', { value: environment._id, selected: environment._id === state.me._id },
      environmentLabel(environment))));
  const stateBadge = state.me.readOnly
    ? badge('Read-only', 'readonly', { id: 'environment-state', title: `${state.me.name} changes only by promotion from its source environment` })
    : badge('Editable', 'editable', { id: 'environment-state' });
  replace(environmentBar,
    h('label', { for: 'environment-select' }, 'Environment'), select, stateBadge,
    h('button', { type: 'button', class: 'link', id: 'sign-out', onclick: signOut }, 'Sign out'));
  environmentBar.hidden = false;
  environmentBar.dataset.readOnly = String(Boolean(state.me.readOnly));
  document.body.classList.toggle('read-only', Boolean(state.me.readOnly));

  replace(nav, SECTIONS.map((section) => h('div', { class: 'nav-section' },
    h('h2', {}, section.title),
    h('ul', {}, section.links.map(([path, label]) => h('li', {},
      h('a', { href: `#/${path}`, id: `nav-${path}`, 'aria-current': active === path ? 'page' : null },
        label, path === 'changes' ? h('span', { class: 'count', id: 'changes-count', hidden: true }) : null)))))));
  nav.hidden = false;
  refreshCount();
}

/** The pending-changes count beside "Changes"; quietly absent where there is no target. */
async function refreshCount() {
  const counter = document.getElementById('changes-count');
  if (!counter || !state.me?._targetId) return;
  try {
    const count = (await api.get('/v1/changes/count')).data;
    counter.textContent = String(count);
    counter.setAttribute('aria-label', `${count} pending`);
    counter.hidden = count === 0;
  } catch {
    counter.hidden = true;
  }
}

function chooseEnvironment(environmentId) {
  if (environmentId === state.me?._id) return;
  if (session.keyFor(environmentId)) {
    switchTo(environmentId, currentPath());
  } else {
    // a key acts for one environment only, so another one needs its own key
    navigate(`switch/${environmentId}`, { then: currentPath() });
  }
}

async function switchTo(environmentId, then) {
  try {
    await enter(environmentId);
    navigate(then || DEFAULT_ROUTE);
  } catch (error) {
    session.forget(environmentId);
    navigate(`switch/${environmentId}`, { then: then || DEFAULT_ROUTE, reason: error.message });
  }
}

function signOut() {
  session.signOut();
  state.me = null;
  state.environments = [];
  navigate('signin');
}

function focusHeading(container) {
  const heading = container.querySelector('h1');
  if (heading) heading.focus({ preventScroll: false });
}

async function route() {
  const token = ++state.token;
  const { segments, query } = parseHash();
  const [first = DEFAULT_ROUTE, id] = segments;
  const page = h('div', { class: 'page' });
  replace(main, page);

  if (!state.me || first === 'signin') {
    renderChrome(null);
    document.title = 'Sign in · Tidings';
    renderSignIn(page, {
      onSignedIn: async (secret, me) => {
        session.remember(me._id, secret);
        await enter(me._id);
        navigate(currentPath());
      },
    });
    return; // the key field has focus already
  }

  if (first === 'switch') {
    const environment = state.environments.find((candidate) => candidate._id === id);
    renderChrome(null);
    document.title = 'Environment key · Tidings';
    renderEnvironmentKey(page, {
      environment: environment ?? { _id: id, name: 'this environment' },
      reason: query.get('reason'),
      onKey: async (secret) => {
        session.remember(id, secret);
        await enter(id);
        navigate(query.get('then') || DEFAULT_ROUTE);
      },
      onCancel: () => navigate(query.get('then') || DEFAULT_ROUTE),
    });
    return;
  }

  const name = id && DETAIL_PAGES[first] ? DETAIL_PAGES[first] : first;
  const load = PAGES[name];
  renderChrome(first);
  if (!load) {
    replace(page, h('h1', { tabindex: '-1' }, 'Not found'), h('p', {}, 'There is no such page. ', h('a', { href: '#/workflows' }, 'Go to workflows')));
    focusHeading(page);
    return;
  }
  const view = {
    main: page,
    api,
    me: state.me,
    environments: state.environments,
    readOnly: Boolean(state.me.readOnly),
    target: state.environments.find((environment) => environment._id === state.me._targetId) ?? null,
    source: state.environments.find((environment) => environment._id === state.me._parentId) ?? null,
    params: { id },
    query,
    isCurrent: () => token === state.token,
    navigate,
    refreshCount,
    rememberKey: (secret) => session.remember(state.me._id, secret),
    // whether a listed key ({prefix, lastFour}) is the one this panel uses; the secret stays here
    usesKey: (key) => {
      const secret = session.keyFor(state.me._id);
      return Boolean(secret && key.prefix && secret.startsWith(key.prefix) && secret.endsWith(key.lastFour));
    },
    setTitle: (title) => { document.title = `${title} · ${state.me.name} · Tidings`; },
  };
  try {
    const module = await load();
    if (!view.isCurrent()) return;
    await module.default(view);
  } catch (error) {
    if (!view.isCurrent()) return;
    replace(page, h('h1', { tabindex: '-1' }, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, error.message));
  }
  if (view.isCurrent()) focusHeading(page);
}

async function boot() {
  document.getElementById('skip-link').addEventListener('click', () => main.focus());
  window.addEventListener('hashchange', route);
  const environmentId = session.currentEnvironmentId();
  if (environmentId && session.keyFor(environmentId)) {
    try {
      await enter(environmentId);
    } catch {
      session.forget(environmentId); // a key that no longer works is not kept
    }
  }
  route();
}

boot();
