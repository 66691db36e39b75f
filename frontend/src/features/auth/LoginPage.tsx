// Sign in with username + password (+ a TOTP code, or a recovery code, when the account has a
// second factor), or paste an API token — with where a fresh install keeps the admin token.
import { useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../../shared/api/client';
import type { Me } from '../../shared/api/types';
import { panelId, Tabs } from '../../shared/ui/Tabs';
import { useToast } from '../../shared/ui/Toast';
import { loginWithPassword, loginWithToken } from '../../shared/session/session';

const MODES = [['password', 'Username'], ['token', 'API token']] as const;

export function Login({ onSignedIn, notice }: { onSignedIn: (me: Me) => void; notice?: string | null }) {
  const [mode, setMode] = useState<'password' | 'token'>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [useRecovery, setUseRecovery] = useState(false);
  const toast = useToast();
  const [token, setTokenText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(notice ?? null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'token') {
        onSignedIn(await loginWithToken(token));
      } else {
        const { recoveryCodesLeft: left, ...me } = await loginWithPassword(username, password, totp || undefined);
        // A way in was spent: say how many remain before they run out (as GitHub does).
        if (left !== undefined) {
          toast(`Signed in with a recovery code: ${left} left. Make a new set under Settings → Two-factor authentication.`, left <= 2 ? 'bad' : 'ok');
        }
        onSignedIn(me);
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        setNeedTotp(true);
        setError(totp ? 'That code was not accepted; try the current one.' : 'Enter the 6-digit code from your authenticator app.');
      } else if (err instanceof ApiError && err.status === 401 && needTotp && useRecovery) {
        setError('That recovery code was not accepted: each code works once.');
      } else {
        setError(describeError(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <h1>Sign in to Rivetr</h1>
      <Tabs id="signin" label="Sign-in method" tabs={MODES} selected={mode} onSelect={setMode} />
      <form onSubmit={submit} className="card form" id={panelId('signin')} role="tabpanel" aria-label={mode === 'token' ? 'Sign in with an API token' : 'Sign in with a password'}>
        {mode === 'password' ? (
          <>
            <label>Username<input autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus /></label>
            <label>Password<input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
            {needTotp && !useRecovery && (
              <label>Authentication code<input inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" value={totp} onChange={(e) => setTotp(e.target.value)} required autoFocus /></label>
            )}
            {needTotp && useRecovery && (
              <label>Recovery code<input autoComplete="off" spellCheck={false} placeholder="xxxx-xxxx-xxxx-xxxx" value={totp} onChange={(e) => setTotp(e.target.value)} required autoFocus /></label>
            )}
            {needTotp && (
              <button type="button" className="link" onClick={() => { setUseRecovery(!useRecovery); setTotp(''); setError(null); }}>
                {useRecovery ? 'Use the code from your authenticator app' : 'Lost your authenticator? Use a recovery code'}
              </button>
            )}
          </>
        ) : (
          <>
            <label>API token
              <input type="password" autoComplete="off" value={token} onChange={(e) => setTokenText(e.target.value)} required autoFocus aria-describedby="token-hint" />
            </label>
            <small id="token-hint">
              Kept for this browser tab only. On a fresh install the admin token is printed once when
              {' '}<code>rivetr serve</code> first starts and stored in <code>&lt;data_dir&gt;/admin_token</code>
              {' '}(<code>./data/admin_token</code> by default). Installed with install.sh, it is
              {' '}<code>auth.admin_token</code> in <code>/etc/rivetr/rivetr.toml</code>.
            </small>
          </>
        )}
        {error && <p role="alert" className="note bad">{error}</p>}
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
