// A small HTTP client for the API tests: JSON in, status, headers and parsed body out.

/**
 * Returns `call(path, { method, body, token, headers })` against the origin `base()` gives.
 * A string body is sent as it is, anything else as JSON; a token becomes a Bearer header.
 */
export function apiClient(base) {
  return async function call(path, { method = 'GET', body, token, headers = {} } = {}) {
    const init = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers['Content-Type'] ??= 'application/json';
    }
    if (token) init.headers.Authorization = `Bearer ${token}`;
    const url = path.startsWith('http') ? path : `${base()}${path}`;
    const response = await fetch(url, init);
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  };
}
