// The first page: every app with its status, the latest deployments, and the host's health.
import { useMemo } from 'react';
import { Link } from '../../shared/router';
import { bytes, percent } from '../../shared/format';
import { CommitSummary } from '../deployments/components/CommitSummary';
import { RelativeTime } from '../../shared/ui/RelativeTime';
import { ErrorState, LoadingState } from '../../shared/ui/States';
import { StatusBadge } from '../../shared/ui/StatusBadge';
import { appState, countByStatus, type AppState, type AppStatus } from '../apps/appStatus';
import { AppStatusBadge } from '../apps/components/AppStatusBadge';
import { useFleet } from '../apps/fleet';
import { useRecentDeployments } from '../deployments/queries';
import { useSystem } from './queries';

const RECENT = 8;
const SHOWN_APPS = 12;
// Apps that need a look come first on the overview (a failed last deploy counts as "failed" even
// while the previous version runs); the full list is on the Apps page.
const ORDER: AppStatus[] = ['crashed', 'failed', 'restarting', 'deploying', 'stopped', 'not deployed', 'running'];
const rank = (s: AppState) => ORDER.indexOf(s.failure && s.status !== 'crashed' ? 'failed' : s.status);
// The count's words: "2 failing" are the apps whose last deploy failed (the Apps page's failed filter).
const COUNT_LABEL: Partial<Record<AppStatus, string>> = { failed: 'failing' };

function Meter({ label, used, total, text }: { label: string; used: number; total: number; text: string }) {
  const p = percent(used, total);
  return (
    <div className="meter">
      <div className="meter-head"><span>{label}</span><span>{text}</span></div>
      <progress max={100} value={p} aria-label={`${label} ${p}%`} />
    </div>
  );
}

function Host() {
  const sys = useSystem();
  if (sys.error) return <ErrorState error={sys.error} prefix="Host information unavailable" />;
  const s = sys.data;
  if (!s) return <p role="status">Loading host…</p>;
  const h = s.host;
  return (
    <div className="card host">
      <h2>Host</h2>
      <p>Rivetr {s.version} · {s.runtime.kind} {s.runtime.version} {s.runtime.ok ? '' : '(not answering)'}</p>
      <Meter label="CPU" used={h.cpu_percent} total={100} text={`${Math.round(h.cpu_percent)}% of ${h.cpus} cores`} />
      <Meter label="Memory" used={h.memory_used_bytes} total={h.memory_total_bytes} text={`${bytes(h.memory_used_bytes)} / ${bytes(h.memory_total_bytes)}`} />
      <Meter label="Disk" used={h.disk_total_bytes - h.disk_free_bytes} total={h.disk_total_bytes} text={`${bytes(h.disk_free_bytes)} free of ${bytes(h.disk_total_bytes)}`} />
      <button type="button" onClick={() => void sys.refetch()} disabled={sys.isFetching}>Refresh host figures</button>
    </div>
  );
}

export default function OverviewPage() {
  const data = useFleet();
  const recentDeps = useRecentDeployments(RECENT);
  const apps = useMemo(() => data.data?.apps ?? [], [data.data]);
  const rows = useMemo(() => apps.map((a) => ({ app: a, ...appState(a, data.data?.latest[a.id]) }))
    .sort((x, y) => rank(x) - rank(y) || x.app.name.localeCompare(y.app.name)), [apps, data.data]);
  const counts = [...countByStatus(rows, ORDER)].filter(([, n]) => n > 0);
  const names = Object.fromEntries(apps.map((a) => [a.id, a.name]));
  const recent = recentDeps.data ?? [];
  return (
    <section>
      <h1>Overview</h1>
      {data.error && <ErrorState error={data.error} retry={() => void data.refetch()} />}
      <div className="grid">
        <div className="card">
          <h2>Apps</h2>
          {data.isPending && <LoadingState />}
          {data.data && apps.length === 0 && <p>No apps yet. <Link href="/apps/new">Create the first one</Link>.</p>}
          {counts.length > 0 && (
            <p className="counts">{counts.map(([st, n]) => (
              <span key={st}><Link href={`/apps?status=${encodeURIComponent(st)}`} className={st === 'failed' ? 'bad' : undefined}>{n} {COUNT_LABEL[st] ?? st}</Link>{' '}</span>
            ))}</p>
          )}
          <ul className="plain">
            {rows.slice(0, SHOWN_APPS).map((r) => (
              <li key={r.app.id}><Link href={`/apps/${r.app.name}`}>{r.app.name}</Link> <AppStatusBadge app={r.app} state={r} /></li>
            ))}
          </ul>
          {rows.length > SHOWN_APPS && <p><Link href="/apps">All {rows.length} apps</Link></p>}
        </div>
        <Host />
      </div>
      <div className="card">
        <h2>Recent deployments</h2>
        {recentDeps.error && <ErrorState error={recentDeps.error} />}
        {recentDeps.isPending ? <LoadingState /> : recent.length === 0 ? <p>None yet.</p> : (
          <table>
            <thead><tr><th scope="col">App</th><th scope="col">Status</th><th scope="col">Commit</th><th scope="col">When</th></tr></thead>
            <tbody>
              {recent.map((d) => (
                <tr key={d.id}>
                  <td><Link href={`/apps/${names[d.app_id] ?? d.app_id}`}>{names[d.app_id] ?? d.app_id}</Link></td>
                  <td><StatusBadge status={d.status} /></td>
                  <td><CommitSummary d={d} /></td>
                  <td><RelativeTime ts={d.created_at} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
