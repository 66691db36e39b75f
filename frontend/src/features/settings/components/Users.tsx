// Users and roles (admins): add a user, change a role, disable/enable, set a forgotten password,
// reset a lost second factor, delete; the consequences (revoked tokens, ended sessions) are named
// before they happen.
import { useState } from 'react';
import type { User } from '../../../shared/api/types';
import { fieldError, formError } from '../../../shared/data/useApiMutation';
import { Action } from '../../../shared/ui/Action';
import { Field } from '../../../shared/ui/Field';
import { ScrollBox } from '../../../shared/ui/ScrollBox';
import { ErrorState } from '../../../shared/ui/States';
import { useChangeUser, useCreateUser, useDeleteUser, useUsers } from '../queries';
import { AddForm } from './AddForm';
import { SetPasswordDialog } from './SetPasswordDialog';
import { ROLES } from './Tokens';

function UserRow({ u }: { u: User }) {
  const role = useChangeUser('Role changed');
  const toggle = useChangeUser(u.disabled ? 'Enabled' : 'Disabled');
  const reset = useChangeUser('Two-factor reset');
  const remove = useDeleteUser();
  const [settingPassword, setSettingPassword] = useState(false);
  return (
    <tr>
      <td>{u.username}{u.disabled ? ' (disabled)' : ''}</td>
      <td>
        <select aria-label={`Role of ${u.username}`} value={u.role} disabled={role.isPending}
          onChange={(e) => role.mutate({ user: u, change: { role: e.target.value } })}>
          {ROLES.map((r) => <option key={r}>{r}</option>)}
        </select>
        {role.error != null && <small className="field-error">{formError(role.error, [])}</small>}
      </td>
      <td>{u.totp_enabled ? 'on' : 'off'}</td>
      <td>
        <Action mutation={toggle} vars={{ user: u, change: { disabled: !u.disabled } }}
          confirm={u.disabled ? undefined : { title: `Disable ${u.username}?`, body: 'Their sessions end and the API tokens they created are revoked.', items: [u.username], confirmLabel: `Disable ${u.username}` }}>
          {u.disabled ? 'Enable' : 'Disable'}<span className="sr-only"> {u.username}</span>
        </Action>
        <button type="button" onClick={() => setSettingPassword(true)}>Set password<span className="sr-only"> of {u.username}</span></button>
        {settingPassword && <SetPasswordDialog user={u} onClose={() => setSettingPassword(false)} />}
        {u.totp_enabled && (
          <Action mutation={reset} vars={{ user: u, change: { totp_enabled: false } }} variant="danger"
            confirm={{ title: `Reset two-factor of ${u.username}?`, body: 'They sign in with the password alone until they set it up again; their recovery codes are deleted.', items: [u.username], confirmLabel: 'Reset two-factor' }}>
            Reset two-factor<span className="sr-only"> of {u.username}</span>
          </Action>
        )}
        <Action mutation={remove} vars={u} variant="danger"
          confirm={{ title: `Delete user ${u.username}?`, body: 'The API tokens they created are revoked.', items: [u.username], confirmLabel: `Delete ${u.username}` }}>
          Delete<span className="sr-only"> {u.username}</span>
        </Action>
      </td>
    </tr>
  );
}

export function Users() {
  const users = useUsers();
  const empty = { username: '', password: '', role: 'developer' };
  const [f, setF] = useState(empty);
  const create = useCreateUser(() => setF(empty));
  if (users.error) return <ErrorState error={users.error} prefix="User accounts are not available" />;
  return (
    <div>
      <AddForm label="Add a user" mutation={create} vars={f} fields={['username', 'password', 'role']} submit="Add user">
        <Field label="Username" error={fieldError(create.error, 'username')}><input value={f.username} onChange={(e) => setF({ ...f, username: e.target.value })} required autoComplete="off" /></Field>
        <Field label="Password" error={fieldError(create.error, 'password')}><input type="password" value={f.password} onChange={(e) => setF({ ...f, password: e.target.value })} required autoComplete="new-password" /></Field>
        <Field label="Role" error={fieldError(create.error, 'role')}><select value={f.role} onChange={(e) => setF({ ...f, role: e.target.value })}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select></Field>
      </AddForm>
      <ScrollBox label="Users">
        <table>
          <thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">TOTP</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>{(users.data ?? []).map((u) => <UserRow key={u.id} u={u} />)}</tbody>
        </table>
      </ScrollBox>
    </div>
  );
}
