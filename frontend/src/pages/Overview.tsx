// The first page: every app with its status, the latest deployments, and the host's health.
import { useEffect } from 'react';
import { get } from '../api/client';
import type { App, Deployment, SystemInfo } from '../api/types';
import { StatusBadge } from '../components/StatusBadge';
import { appStatus, mergeDeployment } from '../lib/appStatus';
import { subscribeDeployments } from '../lib/events';
import { bytes, percent, shortSha, when } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { Link } from '../router';

export async function loadAppsWithDeployments(): Promise<{ apps: App[]; deps: Record<string, Deployment[]> }> {
  const apps = await get<App[]>('/api/apps');
  const lists = await Promise.all(apps.map((a) => get<Deployment[]>(`/api/apps/${a.id}/deployments`).catch(() => [])));
  const deps: Record<string, Deployment[]> = {};
  apps.forEach((a, i) => (deps[a.id] = lists[i]));
  return { apps, deps };
}

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
  const sys = useLoad(() => get<SystemInfo>('/api/system'), []);
  if (sys.error) return <p className="note bad" role="alert">Host information unavailable: {sys.error}</p>;
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
      <button type="button" onClick={sys.reload}>Refresh host figures</button>
    </div>
  );
}

export default function Overview() {
  const data = useLoad(loadAppsWithDeployments, []);
  useEffect(() => subscribeDeployments((d) => data.set((old) => old && {
    ...old, deps: { ...old.deps, [d.app_id]: mergeDeployment(old.deps[d.app_id] ?? [], d) },
  }), data.reload), []); // eslint-disable-line react-hooks/exhaustive-deps

  const apps = data.data?.apps ?? [];
  const names = Object.fromEntries(apps.map((a) => [a.id, a.name]));
  const recent = Object.values(data.data?.deps ?? {}).flat()
    .sort((a, b) => (a.created_at < b.created_at ? 1 : -1)).slice(0, 8);
  return (
    <section>
      <h1>Overview</h1>
      {data.error && <p role="alert" className="note bad">{data.error}</p>}
      <div className="grid">
        <div className="card">
          <h2>Apps</h2>
          {data.loading && !data.data && <p role="status">Loading…</p>}
          {data.data && apps.length === 0 && <p>No apps yet. <Link href="/apps/new">Create the first one</Link>.</p>}
          <ul className="plain">
            {apps.map((a) => (
              <li key={a.id}><Link href={`/apps/${a.name}`}>{a.name}</Link> <StatusBadge status={appStatus(a, data.data?.deps[a.id])} /></li>
            ))}
          </ul>
        </div>
        <Host />
      </div>
      <div className="card">
        <h2>Recent deployments</h2>
        {recent.length === 0 ? <p>None yet.</p> : (
          <table>
            <thead><tr><th scope="col">App</th><th scope="col">Status</th><th scope="col">Commit</th><th scope="col">When</th></tr></thead>
            <tbody>
              {recent.map((d) => (
                <tr key={d.id}>
                  <td><Link href={`/apps/${names[d.app_id] ?? d.app_id}`}>{names[d.app_id] ?? d.app_id}</Link></td>
                  <td><StatusBadge status={d.status} /></td>
                  <td><code>{shortSha(d.commit_sha)}</code></td>
                  <td>{when(d.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
