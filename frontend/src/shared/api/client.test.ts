// The API client: the server's error shape reaches the user, credentials go in the right header.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, credentials, describeError, onUnauthorized, setToken } from './client';

const reply = (status: number, body: string, headers: Record<string, string> = {}) =>
  vi.fn(async (_u: string, _i?: RequestInit) => new Response(status === 204 ? null : body, { status, headers }));

afterEach(() => { setToken(null); credentials.csrf = null; });

describe('api()', () => {
  it('turns the server error shape into an ApiError with code and field', async () => {
    const f = reply(400, JSON.stringify({ error: { code: 'invalid', message: 'must be 1-65535', field: 'port' } }));
    const e = await api<never>('POST', '/api/apps', {}, f as unknown as typeof fetch).catch((x: ApiError) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.code, e.field]).toEqual([400, 'invalid', 'port']);
    expect(describeError(e)).toBe('must be 1-65535 (port)');
  });

  it('keeps a non-JSON error body readable (a proxy page, a crash)', async () => {
    const f = reply(502, '<html>Bad gateway</html>');
    const e = await api<never>('GET', '/api/apps', undefined, f as unknown as typeof fetch).catch((x: ApiError) => x);
    expect(e.code).toBe('http_502');
    expect(e.message).toContain('Bad gateway');
  });

  it('says the server is unreachable when fetch itself fails', async () => {
    const f = vi.fn(async () => { throw new TypeError('Failed to fetch'); });
    const e = await api<never>('GET', '/api/apps', undefined, f as unknown as typeof fetch).catch((x: ApiError) => x);
    expect(e.code).toBe('network');
    expect(e.message).toMatch(/cannot reach the Rivetr server/);
  });

  it('reports Retry-After of a rate-limited request', async () => {
    const f = reply(429, JSON.stringify({ error: { code: 'rate_limited', message: 'too many attempts' } }), { 'Retry-After': '30' });
    const e = await api<never>('POST', '/api/auth/login', {}, f as unknown as typeof fetch).catch((x: ApiError) => x);
    expect(describeError(e)).toBe('too many attempts — retry in 30s');
  });

  it('does not repeat the wait when the message already gives it', async () => {
    const f = reply(429, JSON.stringify({ error: { code: 'rate_limited', message: 'too many wrong codes; retry in 30 s' } }), { 'Retry-After': '30' });
    const e = await api<never>('POST', '/api/auth/totp/enable', {}, f as unknown as typeof fetch).catch((x: ApiError) => x);
    expect(describeError(e)).toBe('too many wrong codes; retry in 30 s');
  });

  it('sends the token as Bearer and no CSRF header', async () => {
    setToken('rvt_abc');
    credentials.csrf = 'c1';
    const f = reply(200, '[]');
    await api('POST', '/api/apps/x/deploy', {}, f as unknown as typeof fetch);
    const h = new Headers(f.mock.calls[0][1]?.headers);
    expect(h.get('Authorization')).toBe('Bearer rvt_abc');
    expect(h.get('X-CSRF-Token')).toBeNull();
    expect(sessionStorage.getItem('rivetr.token')).toBe('rvt_abc');
  });

  it('sends the CSRF token on cookie-session mutations only', async () => {
    credentials.csrf = 'c1';
    const f = reply(204, '');
    await api('DELETE', '/api/tokens/t1', undefined, f as unknown as typeof fetch);
    await api('GET', '/api/tokens', undefined, f as unknown as typeof fetch);
    expect(new Headers(f.mock.calls[0][1]?.headers).get('X-CSRF-Token')).toBe('c1');
    expect(new Headers(f.mock.calls[1][1]?.headers).get('X-CSRF-Token')).toBeNull();
  });

  it('tells the shell when the credentials stopped working', async () => {
    const seen = vi.fn();
    const off = onUnauthorized(seen);
    const f = reply(401, JSON.stringify({ error: { code: 'unauthorized', message: 'no' } }));
    await api('GET', '/api/apps', undefined, f as unknown as typeof fetch).catch(() => undefined);
    off();
    expect(seen).toHaveBeenCalledOnce();
  });
});
