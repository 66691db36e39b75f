// Which host a Docker-manager list shows (one, or every host), kept in the URL with its search, and the
// pieces every such page shows the same way: the host picker and the hosts that did not answer.
import type { ReactNode } from 'react';
import { useQueryState } from '../../../shared/router';
import { useHosts } from '../queries';

/** The host value that lists every host at once (?host=*). */
export const ALL_HOSTS = '*';

type Scope = { host: string; q: string };
// ?host= is absent for the local engine and ?q= absent when empty: a reload or a shared link shows the same list.
const fromQuery = (query: URLSearchParams): Scope => ({ host: query.get('host') || 'local', q: query.get('q') ?? '' });
const toQuery = ({ host, q }: Scope) => {
  const s = new URLSearchParams();
  if (host !== 'local') s.set('host', host);
  if (q) s.set('q', q);
  return s;
};

export function useHostScope() {
  const [scope, setScope] = useQueryState(fromQuery, toQuery);
  const hosts = useHosts();
  return {
    host: scope.host,
    q: scope.q,
    setHost: (host: string) => setScope((s) => ({ ...s, host })),
    setQ: (q: string) => setScope((s) => ({ ...s, q })),
    /** One host chosen: creating, pruning and disk usage need one. */
    one: scope.host !== ALL_HOSTS,
    /** The chosen host's name as the user named it. */
    hostName: hosts.data?.find((h) => h.id === scope.host)?.name ?? scope.host,
    hosts: hosts.data ?? [{ id: 'local', name: 'local' }],
  };
}

type HostScope = ReturnType<typeof useHostScope>;

/** The Host and Search filters; `onHostChange` runs after a new host is chosen; `children` are more filters. */
export function HostFilters({ scope, placeholder, onHostChange, children }:
  { scope: HostScope; placeholder: string; onHostChange?: () => void; children?: ReactNode }) {
  return (
    <div className="filters">
      <label>Host
        <select value={scope.host} onChange={(e) => { scope.setHost(e.target.value); onHostChange?.(); }}>
          <option value={ALL_HOSTS}>All hosts</option>
          {scope.hosts.map((h) => <option key={h.id} value={h.id}>{h.name}</option>)}
        </select>
      </label>
      <label>Search<input type="search" value={scope.q} onChange={(e) => scope.setQ(e.target.value)} placeholder={placeholder} /></label>
      {children}
    </div>
  );
}

/** Each host that did not answer, said once; the others' rows still show. */
export function UnreachableHosts({ list }: { list: { host: string; error: string }[] | undefined }) {
  return <>{(list ?? []).map((u) => <p key={u.host} role="alert" className="note bad">Host {u.host} did not answer: {u.error}</p>)}</>;
}
