// Every container of every host (the apps' and the others), searchable and filtered by state, host,
// image, label and app, in the shared data table (pages of 100 rows, memoised rows: 1,000+ stay
// fast); the engines' events patch the list live and are listed below it; developers act on a selection.
import { useDeferredValue, useMemo, useState } from 'react';
import type { ContainerBulkResult, ContainerRow } from '../../../shared/api/types';
import { Link, useQueryState } from '../../../shared/router';
import { useCan } from '../../../shared/session/can';
import { Action } from '../../../shared/ui/Action';
import { DataTable, type Column } from '../../../shared/ui/DataTable';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/ui/States';
import { AppMark, ContainerState } from '../components/ContainerState';
import { EngineEvents } from '../components/EngineEvents';
import { facet, filterContainers, filterFromQuery, filterToQuery, stackOf, type ContainerFilter } from '../filter';
import { containerHref } from '../keys';
import { MAX_FOLLOWED_HOSTS, useDockerEvents } from '../live';
import { useBulkAction, useContainers, type BulkVars } from '../queries';

const ports = (c: ContainerRow) => c.ports.filter((p) => p.host).map((p) => `${p.host_ip && p.host_ip !== '0.0.0.0' ? p.host_ip + ':' : ''}${p.host}→${p.container}/${p.protocol}`).join(', ');

const COLUMNS: Column<ContainerRow>[] = [
  { id: 'name', header: 'Name', required: true, sortValue: (c) => c.name,
    cell: (c) => <><Link href={containerHref(c)}>{c.name}</Link> <AppMark app={c.app} /></> },
  { id: 'state', header: 'State', sortValue: (c) => c.state, cell: (c) => <ContainerState state={c.state} status={c.status} /> },
  { id: 'status', header: 'Status', sortValue: (c) => c.status, cell: (c) => c.status },
  { id: 'image', header: 'Image', sortValue: (c) => c.image, cell: (c) => <code>{c.image}</code> },
  { id: 'host', header: 'Host', sortValue: (c) => c.host, cell: (c) => c.host },
  { id: 'ports', header: 'Ports', optional: true, cell: ports },
  { id: 'created', header: 'Created', optional: true, sortValue: (c) => c.created, cell: (c) => <RelativeTime ts={c.created * 1000} /> },
  { id: 'id', header: 'ID', optional: true, cell: (c) => <code>{c.id.slice(0, 12)}</code> },
];

const rowKey = (c: ContainerRow) => c.id;
const rowLabel = (c: ContainerRow) => c.name;

const BULK: [BulkVars['action'], string][] = [['start', 'Start'], ['stop', 'Stop'], ['restart', 'Restart'], ['pause', 'Pause'], ['unpause', 'Unpause'], ['kill', 'Kill']];

function BulkActions({ rows, onFailed }: { rows: ContainerRow[]; onFailed: (f: ContainerBulkResult['results']) => void }) {
  const bulk = useBulkAction(onFailed);
  const n = rows.length === 1 ? rows[0].name : `${rows.length} containers`;
  const names = rows.map((r) => r.name);
  return (
    <>
      {BULK.map(([action, label]) => (
        <Action key={action} mutation={bulk} vars={{ action, rows }} busyLabel="Working…"
          confirm={action === 'stop' || action === 'kill' ? { title: `${label} ${n}?`, items: names, confirmLabel: `${label} ${n}` } : undefined}>
          {label}
        </Action>
      ))}
      <Action mutation={bulk} vars={{ action: 'remove', rows }} variant="danger" busyLabel="Removing…"
        confirm={{ title: `Remove ${n}?`, body: 'Running ones are stopped first. Their named volumes stay; an app\'s container is refused.', items: names, confirmLabel: `Remove ${n}` }}>
        Remove
      </Action>
    </>
  );
}

function Select({ label, value, onChange, all, options }: { label: string; value: string; onChange: (v: string) => void; all: string; options: [string, string][] }) {
  return (
    <label>{label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </label>
  );
}

const counted = (f: [string, number][]): [string, string][] => f.map(([v, n]) => [v, `${v} (${n})`]);

function Filters({ rows, f, set }: { rows: ContainerRow[]; f: ContainerFilter; set: (p: Partial<ContainerFilter>) => void }) {
  const menus = useMemo(() => ({
    states: counted(facet(rows, (c) => c.state)), hosts: counted(facet(rows, (c) => c.host)),
    images: counted(facet(rows, (c) => c.image)), apps: counted(facet(rows, (c) => c.app?.name)),
    stacks: facet(rows, stackOf).map(([s, n]): [string, string] => [`stack:${s}`, `stack ${s} (${n})`]),
  }), [rows]);
  return (
    <div className="filters">
      <label>Search<input type="search" value={f.q} onChange={(e) => set({ q: e.target.value })} placeholder="name, image, label, app" aria-keyshortcuts="/" /></label>
      <Select label="State" value={f.state} onChange={(state) => set({ state })} all="any" options={menus.states} />
      <Select label="Host" value={f.host} onChange={(host) => set({ host })} all="every host" options={menus.hosts} />
      <Select label="Image" value={f.image} onChange={(image) => set({ image })} all="any" options={menus.images} />
      <label>Label<input value={f.label} onChange={(e) => set({ label: e.target.value })} placeholder="key or key=value" /></label>
      <Select label="App or stack" value={f.app} onChange={(app) => set({ app })} all="any"
        options={[['*', 'any Rivetr app'], ['none', 'not an app'], ...menus.apps, ...menus.stacks]} />
    </div>
  );
}

/** Follows the engine events of the hosts on screen (a few: each holds a connection). */
function HostEvents({ host }: { host: string }) {
  useDockerEvents(host);
  return null;
}

export default function ContainersPage() {
  const [f, setF] = useQueryState<ContainerFilter>(filterFromQuery, filterToQuery);
  const [failed, setFailed] = useState<ContainerBulkResult['results']>([]);
  const list = useContainers();
  const canAct = useCan('developer', 'act on containers').allowed;
  const deferred = useDeferredValue(f);

  const rows = useMemo(() => list.data?.containers ?? [], [list.data]);
  const shown = useMemo(() => filterContainers(rows, deferred), [rows, deferred]);
  const followed = useMemo(() => (f.host ? [f.host] : facet(rows, (c) => c.host).map(([h]) => h)).slice(0, MAX_FOLLOWED_HOSTS), [rows, f.host]);
  const set = (p: Partial<ContainerFilter>) => setF((old) => ({ ...old, ...p }));
  return (
    <section>
      <div className="head">
        <h1>Containers</h1>
        {canAct && <Link className="button primary" href="/containers/new">New container</Link>}
      </div>
      {(followed.length ? followed : ['local']).map((h) => <HostEvents key={h} host={h} />)}
      <Filters rows={rows} f={f} set={set} />
      {list.data?.unreachable.map((u) => <p key={u.host} role="alert" className="note bad">Host {u.host} did not answer: {u.error}</p>)}
      {failed.length > 0 && (
        <div role="alert" className="failure">
          <p>Not done for {failed.length}:</p>
          <ul>{failed.map((r) => <li key={r.id}><code>{rows.find((c) => c.id === r.id)?.name ?? r.id}</code>: {r.message}</li>)}</ul>
          <button type="button" onClick={() => setFailed([])}>Dismiss</button>
        </div>
      )}
      {list.error && <ErrorState error={list.error} retry={() => void list.refetch()} />}
      {list.isPending && <LoadingState />}
      {list.data && rows.length === 0 && <EmptyState title="No containers on these hosts yet.">{canAct && <Link href="/containers/new">Create one</Link>}</EmptyState>}
      {list.data && rows.length > 0 && (
        <>
          <p role="status" className="hint">
            {shown.length === rows.length ? '' : `${shown.length} of `}<span data-testid="containers-count">{rows.length}</span> container{rows.length === 1 ? '' : 's'}
            {shown.length === rows.length ? '' : ' match'}{!canAct && ' · viewers read only'}
          </p>
          <DataTable id="containers" caption={`${shown.length} of ${rows.length} containers`} rows={shown} rowKey={rowKey} columns={COLUMNS}
            resetKey={JSON.stringify(deferred)} rowLabel={rowLabel} keyAttribute="data-container-id"
            bulkActions={canAct ? (sel, clear) => <BulkActions rows={sel} onFailed={(x) => { setFailed(x); if (!x.length) clear(); }} /> : undefined} />
          {shown.length === 0 && <p>No container matches.</p>}
        </>
      )}
      <section className="card" aria-labelledby="engine-events-title">
        <h2 id="engine-events-title">Engine events</h2>
        <EngineEvents />
      </section>
    </section>
  );
}
