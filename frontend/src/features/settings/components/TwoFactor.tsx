// The signed-in user's TOTP second factor: set up (the secret and otpauth URI shown as text to paste
// into an authenticator — no QR code library), turned on by a first code, turned off by a current code.
import { useEffect, useState, type FormEvent } from 'react';
import { describeError } from '../../../shared/api/client';
import type { Me, TotpSetup } from '../../../shared/api/types';
import { totpApi } from '../queries';

type Message = { ok: boolean; text: string } | null;

function CodeForm({ label, busy, onSubmit }: { label: string; busy: boolean; onSubmit: (code: string) => void }) {
  const [code, setCode] = useState('');
  const submit = (e: FormEvent) => { e.preventDefault(); onSubmit(code.replace(/\s+/g, '')); setCode(''); };
  return (
    <form onSubmit={submit} className="inline" aria-label={label}>
      <label>Code from your authenticator app
        <input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code"
          pattern="\s*(\d\s*){6}" title="the 6-digit code" required />
      </label>
      <button type="submit" className="primary" disabled={busy} aria-busy={busy}>{busy ? 'Checking…' : label}</button>
    </form>
  );
}

export function TwoFactor({ me }: { me: Me }) {
  const [enabled, setEnabled] = useState(Boolean(me.user?.totp_enabled));
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<Message>(null);

  // The session's copy of the user may be stale (changed in another tab): ask the server.
  useEffect(() => {
    if (!me.user) return;
    totpApi.me().then((m) => setEnabled(Boolean(m.user?.totp_enabled)), () => undefined);
  }, [me.user]);

  if (!me.user) {
    return <p>Two-factor authentication belongs to a user account. You signed in with an API token; sign in with a username and password to set it up.</p>;
  }

  const attempt = async (what: () => Promise<string>) => {
    setBusy(true); setMsg(null);
    try { setMsg({ ok: true, text: await what() }); } catch (e) { setMsg({ ok: false, text: describeError(e) }); } finally { setBusy(false); }
  };
  const begin = () => attempt(async () => {
    setSetup(await totpApi.setup());
    return 'Add the key to your authenticator app, then enter the code it shows.';
  });
  const turnOn = (code: string) => attempt(async () => {
    await totpApi.enable(code);
    setEnabled(true); setSetup(null);
    return 'Two-factor authentication is on: signing in now asks for a code.';
  });
  const turnOff = (code: string) => attempt(async () => {
    await totpApi.disable(code);
    setEnabled(false);
    return 'Two-factor authentication is off.';
  });

  return (
    <div className="form">
      <p>Two-factor authentication for <strong>{me.user.username}</strong> is <strong>{enabled ? 'on' : 'off'}</strong>.</p>
      {!enabled && !setup && (
        <div><button type="button" className="primary" onClick={begin} disabled={busy} aria-busy={busy}>Set up two-factor authentication</button></div>
      )}
      {!enabled && setup && (
        <>
          <label>Secret key (paste into your authenticator app)
            <input readOnly value={setup.secret} onFocus={(e) => e.target.select()} className="mono" />
          </label>
          <label>otpauth URI (for apps that accept a link)
            <input readOnly value={setup.otpauth_uri} onFocus={(e) => e.target.select()} className="mono" />
          </label>
          <CodeForm label="Turn on two-factor authentication" busy={busy} onSubmit={turnOn} />
        </>
      )}
      {enabled && <CodeForm label="Turn off two-factor authentication" busy={busy} onSubmit={turnOff} />}
      {msg && <p role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'note ok' : 'note bad'}>{msg.text}</p>}
    </div>
  );
}
