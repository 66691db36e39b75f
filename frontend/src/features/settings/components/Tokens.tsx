// API tokens (admins): create one (shown once, with a copy button), see who owns each, revoke.
import { useState } from 'react';
import type { Token, TokenOwner } from '../../../shared/api/types';
import { fieldError } from '../../../shared/data/useApiMutation';
import { Action } from '../../../shared/ui/Action';
import { CopyButton } from '../../../shared/ui/CopyButton';
import { Field } from '../../../shared/ui/Field';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { ScrollBox } from '../../../shared/ui/ScrollBox';
import { ErrorState } from '../../../shared/ui/States';
import { useCreateToken, useRevokeToken, useTokens } from '../queries';
import { AddForm } from './AddForm';

export const ROLES = ['viewer', 'developer', 'admin'];

function ownerLabel(owner: TokenOwner | null): string {
  if (!owner) return '—';
  return owner.type === 'admin_token' ? 'admin token' : owner.name;
}

function TokenRow({ t }: { t: Token }) {
  const revoke = useRevokeToken();
  return (
    <tr>
      <td>{t.name}</td><td><code>{t.prefix}</code></td><td>{t.role}</td><td>{ownerLabel(t.owner)}</td><td><RelativeTime ts={t.last_used_at} /></td>
      <td>{t.revoked_at ? <>revoked <RelativeTime ts={t.revoked_at} /></> : t.expires_at ? `expires ${new Date(t.expires_at).toLocaleDateString()}` : 'active'}</td>
      <td>
        {!t.revoked_at && (
          <Action mutation={revoke} vars={t} variant="danger" busyLabel="Revoking…"
            confirm={{ title: `Revoke token ${t.name}?`, body: 'Scripts and CI jobs using it are refused from now on.', items: [`${t.name} (${t.prefix}…)`], confirmLabel: 'Revoke token' }}>
            Revoke<span className="sr-only"> {t.name}</span>
          </Action>
        )}
      </td>
    </tr>
  );
}

export function Tokens() {
  const tokens = useTokens();
  const [name, setName] = useState('');
  const [role, setRole] = useState('developer');
  const [created, setCreated] = useState<Token | null>(null);
  const create = useCreateToken((t) => { setCreated(t); setName(''); });
  return (
    <div>
      <AddForm label="Create an API token" mutation={create} vars={{ name, role }} fields={['name', 'role']} submit="Create token">
        <Field label="Name" error={fieldError(create.error, 'name')}><input value={name} onChange={(e) => setName(e.target.value)} required /></Field>
        <Field label="Role" error={fieldError(create.error, 'role')}><select value={role} onChange={(e) => setRole(e.target.value)}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select></Field>
      </AddForm>
      {created?.token && (
        <div role="status" className="card">
          <p>Token <strong>{created.name}</strong> — copy it now; it is not shown again:</p>
          <input readOnly value={created.token} aria-label="New token" onFocus={(e) => e.target.select()} className="mono" />{' '}
          <CopyButton text={created.token} what="token" />
        </div>
      )}
      {tokens.error && <ErrorState error={tokens.error} />}
      <ScrollBox label="API tokens">
        <table>
          <thead><tr><th scope="col">Name</th><th scope="col">Prefix</th><th scope="col">Role</th><th scope="col">Owner</th><th scope="col">Last used</th><th scope="col">State</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>{(tokens.data ?? []).map((t) => <TokenRow key={t.id} t={t} />)}</tbody>
        </table>
      </ScrollBox>
    </div>
  );
}
