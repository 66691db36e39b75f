// Volumes: the volumes of one host or of every host (the host kept in the URL, as on the Containers page;
// a host that does not answer is said, never blocking the others), searchable, with each volume's size
// ("unknown" where the engine did not measure it), the containers that mount it and its app; a create
// form and prune (the plan first) on one host. Viewers read; developers create, remove and prune.
import { useDeferredValue, useMemo } from 'react';
import { bytes } from '../../shared/format';
import { Link } from '../../shared/router';
import type { Column } from '../../shared/ui/DataTable';
import { usedBy } from '../../shared/ui/UsedBy';
import { HostList } from '../hosts/components/HostList';
import { HostFilters, useHostScope } from '../hosts/components/HostScope';
import { CreateVolumeForm } from './components/CreateVolumeForm';
import { VolumePrunePanel } from './components/VolumePrunePanel';
import { volumePath, useVolumes } from './queries';
import type { Volume } from '../../shared/api/types';

const rowKey = (v: Volume) => `${v.host}/${v.name}`;

export const volumeSize = (v: Pick<Volume, 'size_bytes'>) => (v.size_bytes === null ? 'unknown' : bytes(v.size_bytes));

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
      <HostList list={volumes} all={all} shown={shown} noun="volumes" title="Volumes" emptyTitle="No volumes here yet." empty="Create one below."
        rowKey={rowKey} columns={COLUMNS} resetKey={`${host}|${deferredQ}`} rowLabel={(v) => v.name} />
      {one ? (
        <div className="grid">
          <CreateVolumeForm host={host} hostName={hostName} />
          <VolumePrunePanel host={host} hostName={hostName} />
        </div>
      ) : <p className="hint card">Choose one host to create or prune volumes.</p>}
    </section>
  );
}
