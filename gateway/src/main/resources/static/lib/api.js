// The panel's only way to the API: same origin, `Authorization: ApiKey <secret>`, JSON in and out.
// Errors become an ApiError whose message is the problem+json `detail`, in plain words.

export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? null;
  }
}

const FALLBACK = {
  0: 'The server could not be reached. Check that Tidings is running and try again.',
  401: 'The API key was not accepted.',
  403: 'This key may not do that.',
  404: 'It was not found. It may have been deleted in the meantime.',
  409: 'It conflicts with the current state. Reload and try again.',
  413: 'The request is too large.',
  429: 'Too many requests. Wait a moment and try again.',
  502: 'A service behind the gateway did not answer. Try again in a moment.',
  503: 'A service is unavailable right now. Try again in a moment.',
  504: 'A service took too long to answer. Try again in a moment.',
};

/** The problem's own words (`detail`, else `message`), as a sentence. */
export function plainMessage(status, problem) {
  const text = (problem && (problem.detail || problem.message)) || FALLBACK[status]
    || (status >= 500 ? 'The server failed to complete the request.' : `The request failed (HTTP ${status}).`);
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** One request. `secret` may be null for the few calls that need no key. */
export async function request(secret, method, path, body) {
  const headers = { Accept: 'application/json' };
  if (secret) headers.Authorization = `ApiKey ${secret}`;
  const init = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, FALLBACK[0]);
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null; // a proxy's HTML error page: fall back to the status' own words
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, plainMessage(response.status, json), json);
  }
  return json;
}

/**
 * A client bound to whichever key is current when a call starts. A 401 on that key means it was
 * revoked or rotated elsewhere: `onUnauthorized` lets the app ask for a new one.
 */
export function createClient(currentSecret, onUnauthorized) {
  const call = async (method, path, body) => {
    const secret = currentSecret();
    try {
      return await request(secret, method, path, body);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && onUnauthorized) onUnauthorized(error, secret);
      throw error;
    }
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
    del: (path) => call('DELETE', path),
  };
}

/** "/v1/x" + {page: 0, limit: 20, query: ''} -> "/v1/x?page=0&limit=20" (blank values left out). */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
