// Create a network on one host: name, driver (macvlan asks for its parent interface and is for
// admins), subnet, gateway, IP range, internal/attachable and labels. The server checks every field
// before the engine is asked; its refusal lands on the field it names (an overlapping subnet: the
// engine's reason on the subnet).
import { useState, type FormEvent } from 'react';
import { fieldError, formError } from '../../../shared/data/useApiMutation';
import { Field } from '../../../shared/ui/Field';
import { KeyValueEditor, type KeyValueRow } from '../../../shared/ui/KeyValueEditor';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { useCan } from '../../../shared/session/can';
import { useCreateNetwork } from '../queries';
import type { Network, NetworkCreate } from '../../../shared/api/types';

const FIELDS = ['name', 'driver', 'subnet', 'gateway', 'ip_range', 'options.parent', 'labels'] as const;
const EMPTY = { name: '', driver: 'bridge' as NetworkCreate['driver'], subnet: '', gateway: '', ipRange: '', parent: '', internal: false, attachable: false };

export function CreateNetworkForm({ host, hostName, onCreated }: { host: string; hostName: string; onCreated: (n: Network) => void }) {
  const [f, setF] = useState(EMPTY);
  const [labels, setLabels] = useState<KeyValueRow[]>([]);
  const admin = useCan('admin', 'create macvlan networks');
  const create = useCreateNetwork(host, (n) => { setF(EMPTY); setLabels([]); onCreated(n); });
  const set = (p: Partial<typeof EMPTY>) => setF((old) => ({ ...old, ...p }));
  const err = (field: string) => fieldError(create.error, field);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: NetworkCreate = { name: f.name.trim(), driver: f.driver, internal: f.internal, attachable: f.attachable,
      labels: Object.fromEntries(labels.filter((l) => l.key.trim()).map((l) => [l.key.trim(), l.value])) };
    if (f.subnet.trim()) body.subnet = f.subnet.trim();
    if (f.gateway.trim()) body.gateway = f.gateway.trim();
    if (f.ipRange.trim()) body.ip_range = f.ipRange.trim();
    if (f.driver === 'macvlan') body.options = { parent: f.parent.trim() };
    create.mutate(body);
  };
  const whole = formError(create.error, FIELDS);
  return (
    <form className="card" aria-labelledby="create-network-title" onSubmit={submit}>
      <h2 id="create-network-title">New network <small className="hint">on {hostName}</small></h2>
      <Field label="Name" error={err('name')}><input className="mono" value={f.name} onChange={(e) => set({ name: e.target.value })} required /></Field>
      <Field label="Driver" error={err('driver')} hint={f.driver === 'macvlan' ? 'Containers get addresses of their own on the host\'s LAN, past the proxy: admins only.' : undefined}>
        <select value={f.driver} onChange={(e) => set({ driver: e.target.value as NetworkCreate['driver'] })}>
          <option value="bridge">bridge</option>
          <option value="macvlan" disabled={!admin.allowed} title={admin.allowed ? undefined : admin.reason}>macvlan{admin.allowed ? '' : ' (admins)'}</option>
        </select>
      </Field>
      {f.driver === 'macvlan' && (
        <Field label="Parent interface" error={err('options.parent')} hint="the host interface it sits on, e.g. eth0 or eth0.10">
          <input className="mono" value={f.parent} onChange={(e) => set({ parent: e.target.value })} required />
        </Field>
      )}
      <Field label="Subnet" error={err('subnet')} hint="CIDR, e.g. 10.20.0.0/24; empty: the engine picks one">
        <input className="mono" value={f.subnet} onChange={(e) => set({ subnet: e.target.value })} />
      </Field>
      <Field label="Gateway" error={err('gateway')}><input className="mono" value={f.gateway} onChange={(e) => set({ gateway: e.target.value })} /></Field>
      <Field label="IP range" error={err('ip_range')} hint="inside the subnet: where addresses are handed out from">
        <input className="mono" value={f.ipRange} onChange={(e) => set({ ipRange: e.target.value })} />
      </Field>
      <label className="check"><input type="checkbox" checked={f.internal} onChange={(e) => set({ internal: e.target.checked })} /> Internal (no route out)</label>
      <label className="check"><input type="checkbox" checked={f.attachable} onChange={(e) => set({ attachable: e.target.checked })} /> Attachable</label>
      <fieldset><legend>Labels</legend>
        <KeyValueEditor rows={labels} onChange={setLabels} newRow={() => ({ key: '', value: '' })} addLabel="Add label" />
        {err('labels') && <small className="field-error">{err('labels')}</small>}
      </fieldset>
      {whole && <p role="alert" className="note bad">{whole}</p>}
      <RoleGate min="developer" action="create networks">
        <button type="submit" className="primary" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create network'}</button>
      </RoleGate>
    </form>
  );
}
