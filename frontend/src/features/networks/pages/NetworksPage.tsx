// Networks: the networks of one host or of every host (?host= in the URL, as on the Containers page;
// a host that does not answer is said, never blocking the others), searchable, each with its subnets
// and how many containers it holds; a developer creates and prunes here, and removes, connects and
// disconnects on a network's page.
import { useDeferredValue, useMemo } from 'react';
import { Link, navigate } from '../../../shared/router';
import type { Column } from '../../../shared/ui/DataTable';
import { HostList } from '../../hosts/components/HostList';
import { HostFilters, useHostScope } from '../../hosts/components/HostScope';
import { CreateNetworkForm } from '../components/CreateNetworkForm';
import { NetworkPrunePanel } from '../components/NetworkPrunePanel';
import { filterNetworks, networkHref, subnetsOf } from '../networkFilter';
import { useNetworks } from '../queries';
import type { Network } from '../../../shared/api/types';

const COLUMNS: Column<Network>[] = [
  { id: 'name', header: 'Name', required: true, sortValue: (n) => n.name, cell: (n) => (
    <><Link href={networkHref(n)}>{n.name}</Link>
      {n.builtin && <> <span className="badge muted" title="the engine's own: never removed">built-in</span></>}
      {n.app_name && <> <span className="badge busy" title="made by Rivetr for an app">app {n.app_name}</span></>}
      {n.internal && <> <span className="badge muted">internal</span></>}</>
  ) },
  { id: 'driver', header: 'Driver', sortValue: (n) => n.driver, cell: (n) => n.driver },
  { id: 'subnet', header: 'Subnet', sortValue: subnetsOf, cell: (n) => <code>{subnetsOf(n)}</code> },
  { id: 'containers', header: 'Containers', sortValue: (n) => n.containers.length, cell: (n) => n.containers.length },
  { id: 'host', header: 'Host', sortValue: (n) => n.host, cell: (n) => n.host },
  { id: 'id', header: 'ID', sortValue: (n) => n.short_id, cell: (n) => <code>{n.short_id}</code> },
];
const rowKey = (n: Network) => `${n.host}/${n.id}`;

export default function NetworksPage() {
  const scope = useHostScope();
  const { host, q, hostName } = scope;
  const list = useNetworks(host);
  const deferredQ = useDeferredValue(q);
  const all = useMemo(() => list.data?.networks ?? [], [list.data]);
  const shown = useMemo(() => filterNetworks(all, deferredQ), [all, deferredQ]);
  return (
    <section>
      <h1>Networks</h1>
      <HostFilters scope={scope} placeholder="name, subnet, container or address" />
      <HostList list={list} all={all} shown={shown} noun="networks" title="Networks" emptyTitle="No networks here." empty="Create one below."
        rowKey={rowKey} columns={COLUMNS} resetKey={`${host}|${deferredQ}`} />
      {scope.one ? (
        <div className="grid">
          <CreateNetworkForm host={host} hostName={hostName} onCreated={(n) => navigate(networkHref(n))} />
          <NetworkPrunePanel host={host} hostName={hostName} />
        </div>
      ) : <p className="hint card">Choose one host to create or prune networks.</p>}
    </section>
  );
}
