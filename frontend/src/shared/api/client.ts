// The control-API client: Bearer token (kept in sessionStorage) or session cookie + CSRF token,
// and one error type carrying the server's {"error":{code,message,field}} so every action can show it.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly retryAfter?: number,
    /** The whole {"error":{…}} object, for what some codes carry besides the message (invalid_compose: issues). */
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'rivetr.token';

export interface Credentials {
  token: string | null; // API token (Bearer)
  csrf: string | null; // with a session cookie
}

export const credentials: Credentials = {
  token: typeof sessionStorage !== 'undefined' ? sessionStorage.getItem(TOKEN_KEY) : null,
  csrf: null,
};

export function setToken(token: string | null) {
  credentials.token = token;
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Headers that authenticate a request; mutations with a cookie session carry the CSRF token. */
export function authHeaders(method = 'GET'): Record<string, string> {
  const h: Record<string, string> = {};
  if (credentials.token) h.Authorization = `Bearer ${credentials.token}`;
  else if (credentials.csrf && method !== 'GET') h['X-CSRF-Token'] = credentials.csrf;
  return h;
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called when the server says the credentials are no longer good (401). */
export function onUnauthorized(l: Listener): () => void {
  unauthorizedListeners.add(l);
  return () => unauthorizedListeners.delete(l);
}

/** Turns any failed response into an ApiError with the most useful message available. */
export async function errorFrom(res: Response): Promise<ApiError> {
  const retry = Number(res.headers.get('Retry-After')) || undefined;
  const text = await res.text().catch(() => '');
  try {
    const e = JSON.parse(text)?.error;
    if (e && typeof e.message === 'string') return new ApiError(res.status, e.code ?? 'error', e.message, e.field, retry, e);
  } catch {
    /* not JSON: fall through */
  }
  const snippet = text.trim().slice(0, 200);
  return new ApiError(res.status, 'http_' + res.status, snippet || `${res.status} ${res.statusText || 'error'}`, undefined, retry);
}

export async function api<T>(method: string, path: string, body?: unknown, fetchImpl: typeof fetch = fetch): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(method) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetchImpl(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'network', `cannot reach the Rivetr server (${(e as Error).message})`);
  }
  if (!res.ok) {
    const err = await errorFrom(res);
    if (res.status === 401 && !path.startsWith('/api/auth/login')) unauthorizedListeners.forEach((l) => l());
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(res.status, 'bad_response', 'the server sent a response that is not JSON');
  }
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    const where = e.field ? ` (${e.field})` : '';
    // Some messages already say when to retry ("too many wrong codes; retry in 30 s"): say it once.
    const retry = e.retryAfter && !/\bretry\b/i.test(e.message) ? ` — retry in ${e.retryAfter}s` : '';
    return `${e.message}${where}${retry}`;
  }
  return e instanceof Error ? e.message : String(e);
}
