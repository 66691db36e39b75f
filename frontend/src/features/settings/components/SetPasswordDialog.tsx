// An admin sets a new password for a user who forgot theirs (PUT /api/users/{id} {password}): a
// modal form that says what follows — the user's sessions end, their API tokens stay — and keeps
// the server's refusal on the field. Escape or Cancel closes it; focus starts in the field.
import { useContext, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { User } from '../../../shared/api/types';
import { fieldError, formError } from '../../../shared/data/useApiMutation';
import { MeContext } from '../../../shared/session/me';
import { Field } from '../../../shared/ui/Field';
import { useChangeUser } from '../queries';

export function SetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const id = useId();
  const box = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const change = useChangeUser('Password set');
  const yourself = useContext(MeContext)?.user?.id === user.id;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    box.current?.querySelector('input')?.focus();
    return () => opener?.focus?.();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate({ user, change: { password } }, { onSuccess: onClose });
  };
  const onKeyDown = (e: KeyboardEvent) => { if (e.key === 'Escape') { e.preventDefault(); onClose(); } };
  const whole = formError(change.error, ['password']);
  return (
    <div className="modal-backdrop">
      <form ref={box} role="dialog" aria-modal="true" aria-labelledby={`${id}-t`} aria-describedby={`${id}-b`}
        className="card modal form" onSubmit={submit} onKeyDown={onKeyDown}>
        <h2 id={`${id}-t`}>Set a new password for {user.username}</h2>
        <p id={`${id}-b`}>Every session of {user.username} ends at once; they sign in with the new password, which you
          give them yourself. Their API tokens keep working.{yourself && ' This is you: this browser is signed out too (Settings → Password keeps you signed in).'}</p>
        <Field label="New password" hint="8 to 256 characters" error={fieldError(change.error, 'password')}>
          <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={8} maxLength={256} />
        </Field>
        {whole && <p role="alert" className="note bad">{whole}</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="danger" disabled={change.isPending} aria-busy={change.isPending}>Set password</button>
        </div>
      </form>
    </div>
  );
}
