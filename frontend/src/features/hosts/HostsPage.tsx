// Hosts: every container engine this server manages with its state (ok / unreachable since …, and
// why), for every role; admins add remote Docker hosts (tcp+TLS or ssh), edit, test and remove them.
// Credentials are pasted in and never shown again; an ssh host's pinned key is shown by its
// fingerprint, to compare with the machine's own.
import { useState, type FormEvent } from 'react';
import type { Host, HostInput, HostTestResult } from '../../shared/api/types';
import { fieldError, formError } from '../../shared/data/useApiMutation';
import { Action } from '../../shared/ui/Action';
import { Field } from '../../shared/ui/Field';
import { RelativeTime } from '../../shared/ui/RelativeTime';
import { useCan } from '../../shared/session/can';
import { RoleGate } from '../../shared/ui/RoleGate';
import { ScrollBox } from '../../shared/ui/ScrollBox';
import { ErrorState, LoadingState } from '../../shared/ui/States';
import { EditHost } from './EditHost';
import { PEM_FIELDS } from './pemFields';
import { useAddHost, useHosts, useRemoveHost, useTestHost } from './queries';

function HostState({ h }: { h: Host }) {
  if (h.ok) return <><span className="badge ok">ok</span> since <RelativeTime ts={h.since} /></>;
  return (
    <>
      <span className="badge bad">unreachable</span> since <RelativeTime ts={h.since} />
      {h.error && <div className="hint">{h.error}</div>}
    </>
  );
}

function HostRow({ h, onTested, onEdit }: { h: Host; onTested: (h: Host, r: HostTestResult) => void; onEdit: (h: Host) => void }) {
  const test = useTestHost(onTested);
  const remove = useRemoveHost();
  const remote = h.kind !== 'local';
  return (
    <tr>
      <td>{h.name}</td><td>{h.kind}</td><td><code>{h.address || '—'}</code></td><td>{h.engine_version || '—'}</td>
      <td><HostState h={h} /></td>
      <td>{h.ssh_host_key_fingerprint ? <code>{h.ssh_host_key_fingerprint}</code> : remote && h.kind === 'ssh' ? 'not pinned yet' : '—'}</td>
      <td>
        <RoleGate min="admin" action="test hosts">
          <Action mutation={test} vars={h} busyLabel="Testing…">Test<span className="sr-only"> {h.name}</span></Action>
        </RoleGate>{' '}
        {remote && (
          <RoleGate min="admin" action="edit hosts">
            <button type="button" onClick={() => onEdit(h)}>Edit<span className="sr-only"> {h.name}</span></button>
          </RoleGate>
        )}{' '}
        {remote && (
          <RoleGate min="admin" action="remove hosts">
            <Action mutation={remove} vars={h} variant="danger" busyLabel="Removing…"
              confirm={{ title: `Remove host ${h.name}?`, body: 'Rivetr forgets it and its credentials; its containers keep running.', items: [`${h.name} (${h.address})`], confirmLabel: 'Remove host' }}>
              Remove<span className="sr-only"> {h.name}</span>
            </Action>
          </RoleGate>
        )}
      </td>
    </tr>
  );
}

const EMPTY: HostInput = { name: '', kind: 'tcp', address: '' };

function AddHost({ onAdded }: { onAdded: (h: Host) => void }) {
  const [form, setForm] = useState<HostInput>(EMPTY);
  const add = useAddHost((h) => { setForm(EMPTY); onAdded(h); });
  const set = (k: keyof HostInput, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const kind = form.kind === 'ssh' ? 'ssh' : 'tcp';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const pems = PEM_FIELDS[kind].map(([k]) => k as string);
    const body = Object.fromEntries(Object.entries(form).filter(([k]) => !k.startsWith('tls_') && !k.startsWith('ssh_') || pems.includes(k)));
    add.mutate(body as HostInput);
  };
  const whole = formError(add.error, ['name', 'kind', 'address', 'tls_ca', 'tls_cert', 'tls_key', 'ssh_key']);
  return (
    <form onSubmit={submit} aria-label="Add a remote host" className="card">
      <h2>Add a remote Docker host</h2>
      <div className="inline">
        <Field label="Name" error={fieldError(add.error, 'name')}><input value={form.name} onChange={(e) => set('name', e.target.value)} required /></Field>
        <Field label="Kind" error={fieldError(add.error, 'kind')}>
          <select value={kind} onChange={(e) => set('kind', e.target.value)}><option value="tcp">tcp (TLS)</option><option value="ssh">ssh</option></select>
        </Field>
        <Field label="Address" error={fieldError(add.error, 'address')} hint={kind === 'tcp' ? 'host:port of a dockerd with --tlsverify' : 'user@host[:port]; the user runs docker system dial-stdio'}>
          <input value={form.address} onChange={(e) => set('address', e.target.value)} required placeholder={kind === 'tcp' ? '10.0.0.5:2376' : 'deploy@build1'} />
        </Field>
      </div>
      {PEM_FIELDS[kind].map(([k, label]) => (
        <Field key={k} label={label} error={fieldError(add.error, k)} hint="PEM text; stored encrypted, never shown again">
          <textarea className="mono" rows={3} value={(form[k] as string | undefined) ?? ''} onChange={(e) => set(k, e.target.value)} required />
        </Field>
      ))}
      <button type="submit" className="primary" disabled={add.isPending} aria-busy={add.isPending}>Add host</button>
      {whole && <p role="alert" className="note bad">{whole}</p>}
    </form>
  );
}

export default function HostsPage() {
  const hosts = useHosts();
  const canAdd = useCan('admin', 'add hosts');
  const [note, setNote] = useState<string | null>(null);
  const [editing, setEditing] = useState<Host | null>(null);
  const added = (h: Host) => setNote(h.kind === 'ssh'
    ? (h.ssh_host_key_fingerprint ? `Host ${h.name} added; its SSH host key is pinned: ${h.ssh_host_key_fingerprint}. Compare it with the machine's (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub).` : `Host ${h.name} added; it did not answer, so its host key is not pinned yet: Test pins it.`)
    : `Host ${h.name} added.`);
  const tested = (h: Host, r: HostTestResult) => setNote(r.ok
    ? `${h.name}: engine ${r.engine_version}${r.host_key_pinned_now ? `; host key pinned: ${r.ssh_host_key_fingerprint}` : ''}`
    : `${h.name}: test failed — ${r.error}`);
  return (
    <section>
      <h1>Hosts</h1>
      <p className="hint">The container engines this server manages. An unreachable host never slows the others.</p>
      {note && <p role="status" className="card">{note}</p>}
      {hosts.error && <ErrorState error={hosts.error} />}
      {hosts.isPending ? <LoadingState /> : (
        <ScrollBox label="Hosts">
          <table>
            <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Address</th><th scope="col">Engine</th><th scope="col">State</th><th scope="col">SSH host key</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>{(hosts.data ?? []).map((h) => <HostRow key={h.id} h={h} onTested={tested} onEdit={setEditing} />)}</tbody>
          </table>
        </ScrollBox>
      )}
      {editing && <EditHost key={editing.id} host={editing} onDone={(h) => { setEditing(null); if (h) setNote(`Host ${h.name} saved.`); }} />}
      {canAdd.allowed ? <AddHost onAdded={added} /> : <p className="hint">{canAdd.reason}</p>}
    </section>
  );
}
