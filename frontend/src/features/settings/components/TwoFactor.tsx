// The signed-in user's TOTP second factor: set up (a QR code of the otpauth URI to scan, and the
// secret and URI as text to copy), turned on by a first code — which answers the recovery codes,
// shown once — and, while on, how many recovery codes are left, a fresh set, and turning it off.
import { useEffect, useState, type FormEvent } from 'react';
import { describeError } from '../../../shared/api/client';
import type { Me, TotpSetup } from '../../../shared/api/types';
import { CopyButton } from '../../../shared/ui/CopyButton';
import { QrCode } from '../../../shared/ui/QrCode';
import { totpApi } from '../queries';
import { RecoveryCodeList } from './RecoveryCodeList';

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

/** A fresh set of recovery codes needs proof: six digits are sent as a TOTP code, anything else as the password. */
function RegenerateForm({ busy, onSubmit }: { busy: boolean; onSubmit: (proof: { code: string } | { password: string }) => void }) {
  const [proof, setProof] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const digits = proof.replace(/\s+/g, '');
    onSubmit(/^\d{6}$/.test(digits) ? { code: digits } : { password: proof });
    setProof('');
  };
  return (
    <form onSubmit={submit} className="inline" aria-label="New recovery codes">
      <label>Current code or your password
        <input type="password" value={proof} onChange={(e) => setProof(e.target.value)} autoComplete="off" required />
      </label>
      <button type="submit" disabled={busy} aria-busy={busy}>New recovery codes</button>
    </form>
  );
}

function SetupKey({ setup }: { setup: TotpSetup }) {
  return (
    <>
      <p>Scan this code with your authenticator app, or type the key in by hand.</p>
      <QrCode text={setup.otpauth_uri} label="QR code of the otpauth URI for your authenticator app" />
      <label>Secret key (paste into your authenticator app)
        <input readOnly value={setup.secret} onFocus={(e) => e.target.select()} className="mono" />
      </label>
      <CopyButton text={setup.secret} what="secret key" label="Copy key" />
      <label>otpauth URI (for apps that accept a link)
        <input readOnly value={setup.otpauth_uri} onFocus={(e) => e.target.select()} className="mono" />
      </label>
      <CopyButton text={setup.otpauth_uri} what="otpauth URI" label="Copy URI" />
    </>
  );
}

export function TwoFactor({ me }: { me: Me }) {
  const [enabled, setEnabled] = useState(Boolean(me.user?.totp_enabled));
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [remaining, setRemaining] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<Message>(null);

  // The session's copy of the user may be stale (changed in another tab): ask the server.
  useEffect(() => {
    if (!me.user) return;
    totpApi.me().then((m) => setEnabled(Boolean(m.user?.totp_enabled)), () => undefined);
  }, [me.user]);
  useEffect(() => {
    if (!me.user || !enabled) return;
    totpApi.recoveryState().then((s) => setRemaining(s.remaining), () => undefined);
  }, [me.user, enabled, codes]);

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
    const r = await totpApi.enable(code);
    setEnabled(true); setSetup(null); setCodes(r.recovery_codes ?? null);
    return 'Two-factor authentication is on: signing in now asks for a code.';
  });
  const turnOff = (code: string) => attempt(async () => {
    await totpApi.disable(code);
    setEnabled(false); setCodes(null); setRemaining(null);
    return 'Two-factor authentication is off.';
  });
  const regenerate = (proof: { code: string } | { password: string }) => attempt(async () => {
    setCodes((await totpApi.regenerate(proof)).recovery_codes);
    return 'New recovery codes: the old ones no longer work.';
  });

  return (
    <div className="form">
      <p>Two-factor authentication for <strong>{me.user.username}</strong> is <strong>{enabled ? 'on' : 'off'}</strong>.</p>
      {!enabled && !setup && (
        <div><button type="button" className="primary" onClick={begin} disabled={busy} aria-busy={busy}>Set up two-factor authentication</button></div>
      )}
      {!enabled && setup && (
        <>
          <SetupKey setup={setup} />
          <CodeForm label="Turn on two-factor authentication" busy={busy} onSubmit={turnOn} />
        </>
      )}
      {msg && <p role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'note ok' : 'note bad'}>{msg.text}</p>}
      {enabled && codes && <RecoveryCodeList codes={codes} username={me.user.username} />}
      {enabled && (
        <>
          {remaining !== null && (
            <p className={remaining <= 2 ? 'note bad' : undefined}>
              {remaining} recovery code{remaining === 1 ? '' : 's'} left{remaining <= 2 ? ': make a new set before you run out.' : '.'}
            </p>
          )}
          <RegenerateForm busy={busy} onSubmit={regenerate} />
          <CodeForm label="Turn off two-factor authentication" busy={busy} onSubmit={turnOff} />
        </>
      )}
    </div>
  );
}
