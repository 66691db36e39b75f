// Connect a container of the network's host: picked from that host's containers not on it yet, with
// aliases (its names in the network) and a fixed IPv4 address inside the network's subnet. An app's
// container may join; the server's warning (its next deploy leaves the network) is shown.
import { useMemo, useState, type FormEvent } from 'react';
import { fieldError, formError } from '../../../shared/data/useApiMutation';
import { Field } from '../../../shared/ui/Field';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { useContainers } from '../../containers/queries';
import { aliasesOf } from '../networkFilter';
import { useConnect } from '../queries';
import type { Network } from '../../../shared/api/types';

const FIELDS = ['container', 'aliases', 'ipv4_address'] as const;

export function ConnectForm({ network }: { network: Network }) {
  const containers = useContainers();
  const [container, setContainer] = useState('');
  const [aliases, setAliases] = useState('');
  const [ip, setIp] = useState('');
  const [warning, setWarning] = useState<string | null>(null);
  const connect = useConnect(network, (r) => { setWarning(r.warning); setContainer(''); setAliases(''); setIp(''); });
  const attached = useMemo(() => new Set(network.containers.map((c) => c.id)), [network.containers]);
  const choices = (containers.data?.containers ?? []).filter((c) => c.host === network.host && !attached.has(c.id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setWarning(null);
    connect.mutate({ container, aliases: aliasesOf(aliases), ...(ip.trim() ? { ipv4_address: ip.trim() } : {}) });
  };
  const subnet = network.subnets.find((s) => !s.subnet.includes(':'))?.subnet;
  return (
    <form className="card" aria-labelledby="connect-title" onSubmit={submit}>
      <h2 id="connect-title">Connect a container</h2>
      <Field label="Container" error={fieldError(connect.error, 'container')}>
        <select value={container} onChange={(e) => setContainer(e.target.value)} required>
          <option value="">{containers.isPending ? 'Loading…' : 'choose a container'}</option>
          {choices.map((c) => <option key={c.id} value={c.id}>{c.name}{c.app ? ` (app ${c.app.name})` : ''} — {c.state}</option>)}
        </select>
      </Field>
      <Field label="Aliases" error={fieldError(connect.error, 'aliases')} hint="its names in the network, separated by commas">
        <input className="mono" value={aliases} onChange={(e) => setAliases(e.target.value)} />
      </Field>
      <Field label="Fixed IPv4 address" error={fieldError(connect.error, 'ipv4_address')}
        hint={subnet ? `inside ${subnet}; empty: the engine picks one` : 'only on a network created with a subnet'}>
        <input className="mono" value={ip} onChange={(e) => setIp(e.target.value)} />
      </Field>
      {formError(connect.error, FIELDS) && <p role="alert" className="note bad">{formError(connect.error, FIELDS)}</p>}
      {warning && <p role="status" className="note">{warning}</p>}
      <RoleGate min="developer" action="connect containers">
        <button type="submit" disabled={connect.isPending || !container}>{connect.isPending ? 'Connecting…' : 'Connect'}</button>
      </RoleGate>
    </form>
  );
}
