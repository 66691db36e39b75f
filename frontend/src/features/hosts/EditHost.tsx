// An admin's edit of a remote host (PUT /api/hosts/:id): its name and address, and any credential
// replaced. Credentials are write-only: the fields start empty, and an empty field keeps the stored
// one, so only what the admin typed is sent. An ssh host's key can be re-pinned after a reinstall.
import { useState, type FormEvent } from 'react';
import type { Host, HostUpdate } from '../../shared/api/types';
import { fieldError, formError } from '../../shared/data/useApiMutation';
import { Field } from '../../shared/ui/Field';
import { PEM_FIELDS } from './pemFields';
import { useUpdateHost } from './queries';

type Form = { name: string; address: string; pems: Record<string, string>; repin: boolean };

/** Only what changed: a credential left empty is kept by the server. */
export function updateBody(h: Host, f: Form): HostUpdate {
  const body: HostUpdate = {};
  if (f.name !== h.name) body.name = f.name;
  if (f.address !== h.address) body.address = f.address;
  for (const [k, v] of Object.entries(f.pems)) if (v.trim()) (body as Record<string, string>)[k] = v;
  if (f.repin) body.repin_host_key = true;
  return body;
}

export function EditHost({ host, onDone }: { host: Host; onDone: (h: Host | null) => void }) {
  const [form, setForm] = useState<Form>({ name: host.name, address: host.address, pems: {}, repin: false });
  const save = useUpdateHost(onDone);
  const kind = host.kind === 'ssh' ? 'ssh' : 'tcp';
  const has = (k: string) => (host as unknown as Record<string, boolean>)[`has_${k}`];
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate({ id: host.id, body: updateBody(host, form) }); };
  const whole = formError(save.error, ['name', 'address', 'tls_ca', 'tls_cert', 'tls_key', 'ssh_key', 'repin_host_key']);
  return (
    <form onSubmit={submit} aria-label={`Edit host ${host.name}`} className="card">
      <h2>Edit host {host.name}</h2>
      <div className="inline">
        <Field label="Name" error={fieldError(save.error, 'name')}><input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required /></Field>
        <Field label="Address" error={fieldError(save.error, 'address')} hint={kind === 'ssh' ? 'a new address re-pins the host key' : 'host:port'}>
          <input value={form.address} onChange={(e) => setForm({ ...form, address: e.target.value })} required />
        </Field>
      </div>
      {PEM_FIELDS[kind].map(([k, label]) => (
        <Field key={k} label={`${label} (replace)`} error={fieldError(save.error, k)} hint={`${has(k) ? 'stored; ' : ''}leave empty to keep it; PEM text, stored encrypted, never shown`}>
          <textarea className="mono" rows={3} value={form.pems[k] ?? ''} onChange={(e) => setForm({ ...form, pems: { ...form.pems, [k]: e.target.value } })} />
        </Field>
      ))}
      {kind === 'ssh' && (
        <label><input type="checkbox" checked={form.repin} onChange={(e) => setForm({ ...form, repin: e.target.checked })} /> Re-pin the SSH host key (after the machine was reinstalled)</label>
      )}
      <div className="inline">
        <button type="submit" className="primary" disabled={save.isPending} aria-busy={save.isPending}>Save host</button>
        <button type="button" onClick={() => onDone(null)}>Cancel</button>
      </div>
      {whole && <p role="alert" className="note bad">{whole}</p>}
    </form>
  );
}
