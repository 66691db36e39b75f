// Settings: for admins API tokens (created, shown once, revoked), users and their roles, the audit
// log; for every signed-in user their own two-factor authentication.
import { useState, type FormEvent } from 'react';
import { del, describeError, get, post, put } from '../../shared/api/client';
import type { AuditEntry, Token, TokenOwner, User } from '../../shared/api/types';
import { Action } from '../../shared/ui/Action';
import { panelId, tabId, Tabs } from '../../shared/ui/Tabs';
import { TwoFactor } from './components/TwoFactor';
import { when } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { useMe } from '../../shared/session/me';
import { navigate, useLocation } from '../../shared/router';

const ROLES = ['viewer', 'developer', 'admin'];

function ownerLabel(owner: TokenOwner | null): string {
  if (!owner) return '—';
  return owner.type === 'admin_token' ? 'admin token' : owner.name;
}

function Tokens() {
  const tokens = useLoad(() => get<Token[]>('/api/tokens'), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState('developer');
  const [created, setCreated] = useState<Token | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setCreated(await post<Token>('/api/tokens', { name, role }));
      setName('');
      tokens.reload();
    } catch (err) { setError(describeError(err)); }
  };
  return (
    <div>
      <form onSubmit={create} className="inline" aria-label="Create an API token">
        <label>Name<input value={name} onChange={(e) => setName(e.target.value)} required /></label>
        <label>Role<select value={role} onChange={(e) => setRole(e.target.value)}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select></label>
        <button type="submit" className="primary">Create token</button>
      </form>
      {error && <p role="alert" className="note bad">{error}</p>}
      {created?.token && (
        <div role="status" className="card">
          <p>Token <strong>{created.name}</strong> — copy it now; it is not shown again:</p>
          <input readOnly value={created.token} aria-label="New token" onFocus={(e) => e.target.select()} />
        </div>
      )}
      {tokens.error && <p role="alert" className="note bad">{tokens.error}</p>}
      <table>
        <thead><tr><th scope="col">Name</th><th scope="col">Prefix</th><th scope="col">Role</th><th scope="col">Owner</th><th scope="col">Last used</th><th scope="col">State</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {(tokens.data ?? []).map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td><td><code>{t.prefix}</code></td><td>{t.role}</td><td>{ownerLabel(t.owner)}</td><td>{when(t.last_used_at)}</td>
              <td>{t.revoked_at ? `revoked ${when(t.revoked_at)}` : t.expires_at ? `expires ${new Date(t.expires_at).toLocaleDateString()}` : 'active'}</td>
              <td>{!t.revoked_at && <Action variant="danger" busyLabel="Revoking…" confirm={`Revoke token ${t.name}?`} run={async () => { await del(`/api/tokens/${t.id}`); tokens.reload(); }}>Revoke<span className="sr-only"> {t.name}</span></Action>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Users() {
  const users = useLoad(() => get<User[]>('/api/users'), []);
  const [f, setF] = useState({ username: '', password: '', role: 'developer' });
  const [error, setError] = useState<string | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try { await post('/api/users', f); setF({ username: '', password: '', role: 'developer' }); users.reload(); }
    catch (err) { setError(describeError(err)); }
  };
  if (users.error) return <p role="alert" className="note bad">User accounts are not available: {users.error}</p>;
  return (
    <div>
      <form onSubmit={create} className="inline" aria-label="Add a user">
        <label>Username<input value={f.username} onChange={(e) => setF({ ...f, username: e.target.value })} required autoComplete="off" /></label>
        <label>Password<input type="password" value={f.password} onChange={(e) => setF({ ...f, password: e.target.value })} required autoComplete="new-password" /></label>
        <label>Role<select value={f.role} onChange={(e) => setF({ ...f, role: e.target.value })}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select></label>
        <button type="submit" className="primary">Add user</button>
      </form>
      {error && <p role="alert" className="note bad">{error}</p>}
      <table>
        <thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">TOTP</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.username}{u.disabled ? ' (disabled)' : ''}</td>
              <td>
                <select aria-label={`Role of ${u.username}`} value={u.role}
                  onChange={(e) => put(`/api/users/${u.id}`, { role: e.target.value }).then(users.reload, (err) => setError(describeError(err)))}>
                  {ROLES.map((r) => <option key={r}>{r}</option>)}
                </select>
              </td>
              <td>{u.totp_enabled ? 'on' : 'off'}</td>
              <td>
                <Action confirm={u.disabled ? undefined : `Disable ${u.username}? Their sessions end and the API tokens they created are revoked.`}
                  run={async () => { await put(`/api/users/${u.id}`, { disabled: !u.disabled }); users.reload(); }}>{u.disabled ? 'Enable' : 'Disable'}<span className="sr-only"> {u.username}</span></Action>
                {u.totp_enabled && (
                  <Action variant="danger" confirm={`Reset two-factor of ${u.username}? They sign in with the password alone until they set it up again.`}
                    run={async () => { await put(`/api/users/${u.id}`, { totp_enabled: false }); users.reload(); }}>
                    Reset two-factor<span className="sr-only"> of {u.username}</span>
                  </Action>
                )}
                <Action variant="danger" confirm={`Delete user ${u.username}? The API tokens they created are revoked.`} run={async () => { await del(`/api/users/${u.id}`); users.reload(); }}>Delete<span className="sr-only"> {u.username}</span></Action>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Audit() {
  const [pages, setPages] = useState<AuditEntry[][]>([]);
  const first = useLoad(() => get<AuditEntry[]>('/api/audit?limit=50'), []);
  const all = [...(first.data ?? []), ...pages.flat()];
  const more = async () => {
    const last = all[all.length - 1];
    const next = await get<AuditEntry[]>(`/api/audit?limit=50&before=${last.id}`);
    setPages([...pages, next]);
    return next.length ? undefined : 'No older entries';
  };
  if (first.error) return <p role="alert" className="note bad">{first.error}</p>;
  return (
    <div>
      <table aria-label="Audit log">
        <thead><tr><th scope="col">When</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Details</th></tr></thead>
        <tbody>
          {all.map((e) => (
            <tr key={e.id}>
              <td title={e.ts}>{when(e.ts)}</td><td>{e.actor} <small>({e.actor_type})</small></td><td><code>{e.action}</code></td>
              <td>{e.target_type} {e.target_id}</td><td><code className="details">{JSON.stringify(e.details)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      {all.length > 0 && all.length % 50 === 0 && <Action run={more}>Older entries</Action>}
    </div>
  );
}

const ADMIN_TABS = [['tokens', 'API tokens'], ['users', 'Users and roles'], ['audit', 'Audit log']] as const;
const OWN_TABS = [['security', 'Two-factor authentication']] as const;

export default function Settings() {
  const me = useMe();
  const { query } = useLocation();
  // Every user manages their own second factor; the rest of the settings are for admins.
  const isAdmin = me.role === 'admin' || me.role === 'unknown';
  const tabs: readonly (readonly [string, string])[] = isAdmin ? [...ADMIN_TABS, ...OWN_TABS] : OWN_TABS;
  const asked = query.get('tab');
  const tab = tabs.some(([t]) => t === asked) ? asked! : tabs[0][0];
  return (
    <section>
      <h1>Settings</h1>
      {!isAdmin && <p className="hint">API tokens, users and the audit log need the admin role; you are {me.role}.</p>}
      <Tabs id="settings" label="Settings sections" tabs={tabs} selected={tab} onSelect={(t) => navigate(`/settings?tab=${t}`, true)} />
      <div role="tabpanel" className="panel" id={panelId('settings')} aria-labelledby={tabId('settings', tab)}>
        {tab === 'tokens' && <Tokens />}
        {tab === 'users' && <Users />}
        {tab === 'audit' && <Audit />}
        {tab === 'security' && <TwoFactor me={me} />}
      </div>
    </section>
  );
}
