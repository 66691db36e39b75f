// One network (?host= names its engine): its addressing, the containers attached with their addresses
// and aliases (each with Disconnect, refused for an app's container with the reason shown), Connect,
// and Delete (refused while containers are attached, and for the engine's own: the reason is shown).
import { useParams } from 'wouter';
import { navigate, Link, useLocation } from '../../../shared/router';
import { Action } from '../../../shared/ui/Action';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { containerHref } from '../../containers/keys';
import { ConnectForm } from '../components/ConnectForm';
import { networksHref, subnetsOf } from '../networkFilter';
import { useDisconnect, useNetwork, useRemoveNetwork } from '../queries';
import type { Network, NetworkContainer } from '../../../shared/api/types';

function Summary({ n }: { n: Network }) {
  const labels = Object.entries(n.labels);
  return (
    <dl className="summary card">
      <dt>ID</dt><dd><code>{n.id}</code></dd>
      <dt>Host</dt><dd>{n.host}</dd>
      <dt>Driver</dt><dd>{n.driver} ({n.scope}){n.options.parent ? `, parent ${n.options.parent}` : ''}</dd>
      <dt>Subnets</dt><dd><code>{subnetsOf(n)}</code>{n.subnets.some((s) => s.ip_range) && <> (range {n.subnets.map((s) => s.ip_range).filter(Boolean).join(', ')})</>}</dd>
      <dt>Reach</dt><dd>{n.internal ? 'internal: no route out' : 'routed out'}{n.attachable ? ', attachable' : ''}</dd>
      {n.app_name && <><dt>Owner</dt><dd>app {n.app_name}</dd></>}
      <dt>Labels</dt><dd>{labels.length ? labels.map(([k, v]) => <code key={k}>{k}={v} </code>) : '—'}</dd>
    </dl>
  );
}

function Disconnect({ network, c }: { network: Network; c: NetworkContainer }) {
  const disconnect = useDisconnect(network);
  return (
    <RoleGate min="developer" action="disconnect containers">
      <Action mutation={disconnect} vars={{ container: c.id }} busyLabel="Disconnecting…"
        confirm={{ title: `Disconnect ${c.name} from ${network.name}?`, body: 'It loses its address and aliases in this network.', items: [c.name], confirmLabel: 'Disconnect' }}>
        Disconnect<span className="sr-only"> {c.name}</span>
      </Action>
    </RoleGate>
  );
}

function Containers({ n }: { n: Network }) {
  if (n.containers.length === 0) return <p className="hint">No container is attached.</p>;
  return (
    <table aria-label="Attached containers">
      <thead><tr><th scope="col">Container</th><th scope="col">IPv4</th><th scope="col">IPv6</th><th scope="col">Aliases</th><th scope="col">App</th><th scope="col">Actions</th></tr></thead>
      <tbody>{n.containers.map((c) => (
        <tr key={c.id} data-container-id={c.id}>
          <td><Link href={containerHref({ id: c.id, host: n.host })}>{c.name || c.id.slice(0, 12)}</Link></td>
          <td><code>{c.ipv4_address || '—'}</code></td><td><code>{c.ipv6_address || '—'}</code></td>
          <td>{c.aliases.join(', ') || '—'}</td><td>{c.app_name ?? '—'}</td>
          <td><Disconnect network={n} c={c} /></td>
        </tr>
      ))}</tbody>
    </table>
  );
}

function Remove({ n }: { n: Network }) {
  const remove = useRemoveNetwork(n, () => navigate(networksHref(n.host)));
  return (
    <RoleGate min="developer" action="remove networks">
      <Action mutation={remove} vars={undefined} variant="danger" busyLabel="Removing…"
        confirm={{ title: `Remove network ${n.name}?`, body: 'It is deleted from the host.', items: [n.name], confirmLabel: 'Remove network' }}>
        Delete network
      </Action>
    </RoleGate>
  );
}

export default function NetworkDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { query } = useLocation();
  const host = query.get('host') || 'local';
  const network = useNetwork(host, decodeURIComponent(id));
  const n = network.data;
  return (
    <section>
      <p><Link href={networksHref(host)}>← Networks</Link></p>
      {network.error && <ErrorState error={network.error} retry={() => void network.refetch()} />}
      {network.isPending && <LoadingState />}
      {n && (
        <>
          <div className="head">
            <h1>{n.name} {n.builtin && <span className="badge muted">built-in</span>}</h1>
            <Remove n={n} />
          </div>
          <Summary n={n} />
          <section className="card" aria-labelledby="attached-title">
            <h2 id="attached-title">Containers <small className="hint">({n.containers.length})</small></h2>
            <Containers n={n} />
          </section>
          {!n.builtin || n.name === 'bridge' ? <ConnectForm network={n} /> : null}
        </>
      )}
    </section>
  );
}
