// All apps, searchable by name/repository/domain and filterable by status, in the shared data
// table (sort, pages of 100 rows, columns to choose, select several to deploy or delete). With a
// thousand apps the filter runs on a deferred copy of the query, so typing stays responsive.
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { App } from '../../../shared/api/types';
import { Link, navigate, useLocation } from '../../../shared/router';
import { Action } from '../../../shared/ui/Action';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { DataTable, type Column } from '../../../shared/ui/DataTable';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/ui/States';
import { useSystem } from '../../overview/queries';
import { appState, countByStatus, stateLabel, type AppStatus } from '../appStatus';
import { appUrl } from '../appUrl';
import { AppStatusBadge } from '../components/AppStatusBadge';
import { AppLinkCell } from '../components/AppUrl';
import { filterApps, type AppRow } from '../filter';
import { useFleet } from '../fleet';
import { useDeleteApps, useDeploy } from '../queries';

const FILTERS: AppStatus[] = ['running', 'deploying', 'crashed', 'restarting', 'failed', 'stopped', 'not deployed'];
const STATUSES: (AppStatus | 'all')[] = ['all', ...FILTERS];

type Row = AppRow & { deployedAt: string; url: string | null };
const COLUMNS: Column<Row>[] = [
  { id: 'name', header: 'Name', required: true, sortValue: (r) => r.app.name, cell: (r) => <Link href={`/apps/${r.app.name}`}>{r.app.name}</Link> },
  { id: 'status', header: 'Status', sortValue: (r) => stateLabel(r), cell: (r) => <AppStatusBadge app={r.app} state={r} /> },
  { id: 'repository', header: 'Repository', sortValue: (r) => r.app.git_url, cell: (r) => <><code>{r.app.git_url}</code> <small>{r.app.branch}</small></> },
  { id: 'domains', header: 'URL', sortValue: (r) => r.url ?? '', cell: (r) => <AppLinkCell app={r.app} url={r.url} /> },
  { id: 'deployed', header: 'Last deployment', optional: true, sortValue: (r) => r.deployedAt, cell: (r) => <RelativeTime ts={r.deployedAt || null} /> },
];

function BulkActions({ apps, clear }: { apps: App[]; clear: () => void }) {
  const deploy = useDeploy();
  const remove = useDeleteApps(clear);
  const names = apps.map((a) => a.name);
  const n = apps.length === 1 ? apps[0].name : `${apps.length} apps`;
  return (
    <>
      <RoleGate min="developer" action="deploy"><Action mutation={deploy} vars={apps} busyLabel="Starting…">Deploy {n}</Action></RoleGate>
      <RoleGate min="developer" action="delete apps"><Action mutation={remove} vars={apps} variant="danger" busyLabel="Deleting…"
        confirm={{ title: `Delete ${n}?`, body: 'Their containers stop, their domains stop answering, and their deployments, logs and environment are removed.', items: names, confirmLabel: `Delete ${n}` }}>
        Delete {n}
      </Action></RoleGate>
    </>
  );
}

export default function AppsPage() {
  const { query } = useLocation();
  const [q, setQ] = useState(query.get('q') ?? '');
  const initial = query.get('status') as AppStatus | null;
  const [status, setStatus] = useState<AppStatus | 'all'>(initial && STATUSES.includes(initial) ? initial : 'all');
  const data = useFleet();
  const proxy = useSystem().data?.proxy;  // the proxy's ports; until they arrive, the standard ones
  const deferredQ = useDeferredValue(q);

  useEffect(() => {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    if (status !== 'all') p.set('status', status);
    const s = p.toString();
    navigate(`/apps${s ? '?' + s : ''}`, true);
  }, [q, status]);

  const rows = useMemo<Row[]>(() => (data.data?.apps ?? []).map((app) => {
    const latest = data.data?.latest[app.id];
    return { app, ...appState(app, latest), deployedAt: latest?.created_at ?? '', url: appUrl(app, proxy) };
  }), [data.data, proxy]);
  const shown = useMemo(() => filterApps(rows, deferredQ, status) as Row[], [rows, deferredQ, status]);
  const counts = useMemo(() => countByStatus(rows, FILTERS), [rows]);
  return (
    <section>
      <div className="head">
        <h1>Apps</h1>
        <RoleGate min="developer" action="create apps"><Link className="button primary" href="/apps/new">New app</Link></RoleGate>
      </div>
      <div className="filters">
        <label>Search<input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="name, repository or domain" aria-keyshortcuts="/" /></label>
        <label>Status
          <select value={status} onChange={(e) => setStatus(e.target.value as AppStatus | 'all')}>
            {STATUSES.map((s) => <option key={s} value={s}>{s === 'all' ? `all (${rows.length})` : `${s} (${counts.get(s) ?? 0})`}</option>)}
          </select>
        </label>
      </div>
      {data.error && <ErrorState error={data.error} retry={() => void data.refetch()} />}
      {data.isPending && <LoadingState />}
      {data.data && rows.length === 0 && <EmptyState title="No apps yet."><Link href="/apps/new">Create the first one</Link> from a Git repository.</EmptyState>}
      {data.data && rows.length > 0 && (
        <>
          <p role="status" className="hint">{shown.length === rows.length ? `${rows.length} app${rows.length === 1 ? "" : "s"}` : `${shown.length} of ${rows.length} apps match`}</p>
          <DataTable id="apps" caption={`${shown.length} of ${rows.length} apps`} rows={shown} rowKey={(r) => r.app.id} columns={COLUMNS}
            resetKey={`${deferredQ}|${status}`} rowLabel={(r) => r.app.name}
            bulkActions={(sel, clear) => <BulkActions apps={sel.map((r) => r.app)} clear={clear} />} />
          {shown.length === 0 && <p>No app matches.</p>}
        </>
      )}
    </section>
  );
}
