// Who is signed in: a pasted API token (Bearer, sessionStorage) or a session cookie from
// username/password login (with its CSRF token, kept in memory only).
import { ApiError, api, credentials, setToken } from '../api/client';
import type { LoginResult, Me } from '../api/types';

/** Asks the server who we are; null when not signed in. */
export async function whoAmI(): Promise<Me | null> {
  try {
    const me = await api<Me>('GET', '/api/auth/me');
    if (me.csrf_token) credentials.csrf = me.csrf_token;
    return me;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 401 || (e.status === 404 && !credentials.token)) return null;
    // A server without /api/auth/me still accepts tokens: prove the token with a viewer route.
    if (e.status === 404 && credentials.token) {
      await api('GET', '/api/apps');
      return { actor_type: 'token', name: 'API token', role: 'unknown' };
    }
    throw e;
  }
}

export async function loginWithToken(token: string): Promise<Me> {
  setToken(token.trim());
  try {
    const me = await whoAmI();
    if (!me) throw new ApiError(401, 'unauthorized', 'the server did not accept this token');
    return me;
  } catch (e) {
    setToken(null);
    throw e;
  }
}

/** `totp`: the 6-digit code or a recovery code. `recoveryCodesLeft` is set when a recovery code signed in. */
export async function loginWithPassword(username: string, password: string, totp?: string): Promise<Me & { recoveryCodesLeft?: number }> {
  setToken(null);
  const body: Record<string, string> = { username, password };
  if (totp) body.totp = totp;
  const r = await api<LoginResult>('POST', '/api/auth/login', body);
  credentials.csrf = r.csrf_token;
  const me: Me = { actor_type: 'user', name: r.user?.username ?? username, role: r.user?.role ?? 'viewer', user: r.user };
  return r.recovery_codes_remaining === undefined ? me : { ...me, recoveryCodesLeft: r.recovery_codes_remaining };
}

export async function logout(): Promise<void> {
  const hadCookie = !credentials.token;
  setToken(null);
  if (hadCookie) await api('POST', '/api/auth/logout', {}).catch(() => undefined);
  credentials.csrf = null;
}
