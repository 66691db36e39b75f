// All apps, searchable by name/repository/domain and filterable by status. With a thousand apps
// the table renders a page of rows at a time and the filter runs on a deferred copy of the query,
// so typing stays responsive.
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { appStatus, type AppStatus } from '../appStatus';
import { useFleet } from '../fleet';
import { filterApps } from '../filter';
import { Link, navigate, useLocation } from '../../../shared/router';

const STATUSES: (AppStatus | 'all')[] = ['all', 'running', 'deploying', 'failed', 'stopped', 'not deployed'];
const PAGE = 100;

export default function AppsPage() {
  const { query } = useLocation();
  const [q, setQ] = useState(query.get('q') ?? '');
  const initial = query.get('status') as AppStatus | null;
  const [status, setStatus] = useState<AppStatus | 'all'>(initial && STATUSES.includes(initial) ? initial : 'all');
  const [limit, setLimit] = useState(PAGE);
  const data = useFleet();
  const deferredQ = useDeferredValue(q);

  useEffect(() => {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    if (status !== 'all') p.set('status', status);
    const s = p.toString();
    navigate(`/apps${s ? '?' + s : ''}`, true);
    setLimit(PAGE);
  }, [q, status]);

  const rows = useMemo(() => (data.data?.apps ?? []).map((app) => ({ app, status: appStatus(app, data.data?.latest[app.id]) })), [data.data]);
  const shown = useMemo(() => filterApps(rows, deferredQ, status), [rows, deferredQ, status]);
  return (
    <section>
      <div className="head">
        <h1>Apps</h1>
        <Link className="button primary" href="/apps/new">New app</Link>
      </div>
      <div className="filters">
        <label>Search<input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="name, repository or domain" /></label>
        <label>Status
          <select value={status} onChange={(e) => setStatus(e.target.value as AppStatus | 'all')}>
            {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
      </div>
      {data.error && <ErrorState error={data.error} retry={() => void data.refetch()} />}
      {data.isPending && <LoadingState />}
      {data.data && (
        <>
          <p role="status" className="hint">{shown.length === rows.length ? `${rows.length} apps` : `${shown.length} of ${rows.length} apps match`}</p>
          <table>
            <caption className="sr-only">{shown.length} of {rows.length} apps</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Repository</th><th scope="col">Domains</th></tr></thead>
            <tbody>
              {shown.slice(0, limit).map(({ app, status: s }) => (
                <tr key={app.id}>
                  <td><Link href={`/apps/${app.name}`}>{app.name}</Link></td>
                  <td><StatusBadge status={s} /></td>
                  <td><code>{app.git_url}</code> <small>{app.branch}</small></td>
                  <td>{app.domains.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length > limit && (
            <button type="button" onClick={() => setLimit(limit + PAGE)}>
              Show {Math.min(PAGE, shown.length - limit)} more (of {shown.length - limit} not shown)
            </button>
          )}
        </>
      )}
      {data.data && shown.length === 0 && <p>No app matches.</p>}
    </section>
  );
}
