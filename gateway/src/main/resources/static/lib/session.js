// Secret keys live in sessionStorage only: gone when the tab closes, never in localStorage,
// cookies or the URL. A key belongs to one environment, so they are kept per environment id.

const KEYS = 'tidings.panel.keys';
const CURRENT = 'tidings.panel.current';

function readKeys() {
  try {
    return JSON.parse(sessionStorage.getItem(KEYS) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

export function keyFor(environmentId) {
  return readKeys()[environmentId] ?? null;
}

export function remember(environmentId, secret) {
  const keys = readKeys();
  keys[environmentId] = secret;
  sessionStorage.setItem(KEYS, JSON.stringify(keys));
}

export function forget(environmentId) {
  const keys = readKeys();
  delete keys[environmentId];
  sessionStorage.setItem(KEYS, JSON.stringify(keys));
  if (currentEnvironmentId() === environmentId) sessionStorage.removeItem(CURRENT);
}

export function currentEnvironmentId() {
  return sessionStorage.getItem(CURRENT);
}

export function setCurrent(environmentId) {
  sessionStorage.setItem(CURRENT, environmentId);
}

export function currentSecret() {
  const id = currentEnvironmentId();
  return id ? keyFor(id) : null;
}

export function signOut() {
  sessionStorage.removeItem(KEYS);
  sessionStorage.removeItem(CURRENT);
}
