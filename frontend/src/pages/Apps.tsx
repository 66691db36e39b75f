// All apps, searchable by name/repository/domain and filterable by status.
import { useEffect, useState } from 'react';
import { StatusBadge } from '../components/StatusBadge';
import { appStatus, mergeDeployment, type AppStatus } from '../lib/appStatus';
import { subscribeDeployments } from '../lib/events';
import { filterApps } from '../lib/filter';
import { useLoad } from '../lib/useLoad';
import { Link, navigate, useLocation } from '../router';
import { loadAppsWithDeployments } from './Overview';

const STATUSES: (AppStatus | 'all')[] = ['all', 'running', 'deploying', 'failed', 'stopped', 'not deployed'];

export default function Apps() {
  const { query } = useLocation();
  const [q, setQ] = useState(query.get('q') ?? '');
  const [status, setStatus] = useState<AppStatus | 'all'>((query.get('status') as AppStatus) ?? 'all');
  const data = useLoad(loadAppsWithDeployments, []);
  useEffect(() => subscribeDeployments((d) => data.set((old) => old && {
    ...old, deps: { ...old.deps, [d.app_id]: mergeDeployment(old.deps[d.app_id] ?? [], d) },
  }), data.reload), []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    if (status !== 'all') p.set('status', status);
    const s = p.toString();
    navigate(`/apps${s ? '?' + s : ''}`, true);
  }, [q, status]);

  const rows = (data.data?.apps ?? []).map((app) => ({ app, status: appStatus(app, data.data?.deps[app.id]) }));
  const shown = filterApps(rows, q, status);
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
      {data.error && <p role="alert" className="note bad">{data.error}</p>}
      {data.loading && !data.data && <p role="status">Loading…</p>}
      {data.data && (
        <table>
          <caption className="sr-only">{shown.length} of {rows.length} apps</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Repository</th><th scope="col">Domains</th></tr></thead>
          <tbody>
            {shown.map(({ app, status: s }) => (
              <tr key={app.id}>
                <td><Link href={`/apps/${app.name}`}>{app.name}</Link></td>
                <td><StatusBadge status={s} /></td>
                <td><code>{app.git_url}</code> <small>{app.branch}</small></td>
                <td>{app.domains.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.data && shown.length === 0 && <p>No app matches.</p>}
    </section>
  );
}
