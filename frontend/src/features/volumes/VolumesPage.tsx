// Volumes: the volumes of one host or of every host (the host kept in the URL, as on the Containers page;
// a host that does not answer is said, never blocking the others), searchable, with each volume's size
// ("unknown" where the engine did not measure it), the containers that mount it and its app; a create
// form and prune (the plan first) on one host. Viewers read; developers create, remove and prune.
import { useDeferredValue, useMemo } from 'react';
import { bytes } from '../../shared/format';
import { Link } from '../../shared/router';
import { DataTable, type Column } from '../../shared/ui/DataTable';
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/States';
import { HostFilters, UnreachableHosts, useHostScope } from '../hosts/components/HostScope';
import { CreateVolumeForm } from './components/CreateVolumeForm';
import { VolumePrunePanel } from './components/VolumePrunePanel';
import { volumePath, useVolumes } from './queries';
import type { Volume } from './types';

const rowKey = (v: Volume) => `${v.host}/${v.name}`;
const NAMED_USERS = 3;

export const volumeSize = (v: Pick<Volume, 'size_bytes'>) => (v.size_bytes === null ? 'unknown' : bytes(v.size_bytes));

function usedBy(v: Volume) {
  if (!v.in_use) return <span className="hint">—</span>;
  const more = v.used_by.length - NAMED_USERS;
  return (
    <span title={v.used_by.map((c) => c.name).join(', ')}>
      {v.used_by.slice(0, NAMED_USERS).map((c) => <span key={c.id}>{c.name} <small className="hint">({c.state})</small> </span>)}
      {more > 0 && <small>and {more} more</small>}
    </span>
  );
}

const COLUMNS: Column<Volume>[] = [
  { id: 'name', header: 'Name', required: true, sortValue: (v) => v.name, cell: (v) => <Link href={volumePath(v)}><code>{v.name}</code></Link> },
  { id: 'driver', header: 'Driver', sortValue: (v) => v.driver, cell: (v) => v.driver },
  { id: 'size', header: 'Size', sortValue: (v) => v.size_bytes ?? -1, cell: volumeSize },
  { id: 'used', header: 'In use by', sortValue: (v) => v.used_by.length, cell: usedBy },
  { id: 'app', header: 'App', sortValue: (v) => v.app?.name ?? v.stack ?? '', cell: (v) => (v.app
    ? <Link href={`/apps/${encodeURIComponent(v.app.id)}`}>{v.app.name}</Link>
    : v.stack ? <span title="compose project">{v.stack}</span> : <span className="hint">—</span>) },
  { id: 'host', header: 'Host', sortValue: (v) => v.host, cell: (v) => v.host },
];

const matches = (v: Volume, q: string) => {
  const s = q.trim().toLowerCase();
  return !s || [v.name, v.driver, v.host, v.app?.name ?? '', v.stack ?? '', ...v.used_by.map((u) => u.name), ...Object.keys(v.labels)]
    .some((x) => x.toLowerCase().includes(s));
};

export default function VolumesPage() {
  const scope = useHostScope();
  const { host, q, one, hostName } = scope;
  const volumes = useVolumes(host);
  const deferredQ = useDeferredValue(q);
  const all = useMemo(() => volumes.data?.volumes ?? [], [volumes.data]);
  const shown = useMemo(() => all.filter((v) => matches(v, deferredQ)), [all, deferredQ]);
  return (
    <section>
      <h1>Volumes</h1>
      <HostFilters scope={scope} placeholder="name, container, app or label" />
      <UnreachableHosts list={volumes.data?.unreachable} />
      {volumes.error && <ErrorState error={volumes.error} retry={() => void volumes.refetch()} />}
      {volumes.isPending && <LoadingState />}
      {volumes.data && all.length === 0 && <EmptyState title="No volumes here yet.">Create one below.</EmptyState>}
      {volumes.data && all.length > 0 && (
        <>
          <p role="status" className="hint">{shown.length === all.length ? `${all.length} volumes` : `${shown.length} of ${all.length} volumes match`}</p>
          <DataTable id="volumes" caption={`Volumes: ${shown.length} of ${all.length}`} rows={shown} rowKey={rowKey} columns={COLUMNS}
            resetKey={`${host}|${deferredQ}`} rowLabel={(v) => v.name} />
        </>
      )}
      {one ? (
        <div className="grid">
          <CreateVolumeForm host={host} hostName={hostName} />
          <VolumePrunePanel host={host} hostName={hostName} />
        </div>
      ) : <p className="hint card">Choose one host to create or prune volumes.</p>}
    </section>
  );
}
