// The signed-in user changes their own password: the current one proves it is them, the new one
// is typed twice. The server signs out every other session and keeps this browser signed in.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../shared/api/client';
import type { Me } from '../../../shared/api/types';
import { fieldError, formError } from '../../../shared/data/useApiMutation';
import { Field } from '../../../shared/ui/Field';
import { changeOwnPassword } from '../queries';

const FIELDS = ['current_password', 'new_password'] as const;
const EMPTY = { current: '', next: '', again: '' };

export function Password({ me }: { me: Me }) {
  const [f, setF] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!me.user) {
    return <p>You signed in with an API token, which has no password. Sign in with a username and password to change yours; an admin sets passwords under Users and roles.</p>;
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (f.next !== f.again) { setError(new ApiError(400, 'invalid', 'the two new passwords differ', 'new_password_again')); return; }
    setBusy(true); setError(null);
    try {
      await changeOwnPassword(f.current, f.next);
      setF(EMPTY); setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const whole = formError(error, [...FIELDS, 'new_password_again']);
  return (
    <form onSubmit={(e) => void submit(e)} className="form" aria-label="Change password">
      <p>Changing the password of <strong>{me.user.username}</strong> signs out every other browser where you are signed in. API tokens keep working.</p>
      <Field label="Current password" error={fieldError(error, 'current_password')}>
        <input type="password" autoComplete="current-password" value={f.current} onChange={(e) => setF({ ...f, current: e.target.value })} required />
      </Field>
      <Field label="New password" hint="8 to 256 characters" error={fieldError(error, 'new_password')}>
        <input type="password" autoComplete="new-password" value={f.next} onChange={(e) => setF({ ...f, next: e.target.value })} required minLength={8} maxLength={256} />
      </Field>
      <Field label="New password again" error={fieldError(error, 'new_password_again')}>
        <input type="password" autoComplete="new-password" value={f.again} onChange={(e) => setF({ ...f, again: e.target.value })} required />
      </Field>
      {whole && <p role="alert" className="note bad">{whole}</p>}
      {done && <p role="status" className="note ok">Password changed. Your other sessions were signed out.</p>}
      <div><button type="submit" className="primary" disabled={busy} aria-busy={busy}>{busy ? 'Changing…' : 'Change password'}</button></div>
    </form>
  );
}
