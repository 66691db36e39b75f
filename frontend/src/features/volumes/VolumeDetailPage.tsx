// One volume (?host= names its engine): what it is, its size, the containers that mount it (where, and
// whether read-only), its app, the engine's whole inspect document, a link to browse its files, and
// remove, whose refusal (mounted, or an app's) is shown as the server says it.
import { useParams } from 'wouter';
import { Link, navigate, useLocation } from '../../shared/router';
import { RelativeTime } from '../../shared/ui/RelativeTime';
import { ErrorState, LoadingState } from '../../shared/ui/States';
import { InspectView } from '../containers/components/InspectView';
import { RemoveVolume } from './components/RemoveVolume';
import { useVolume } from './queries';
import type { Volume } from '../../shared/api/types';
import { volumeSize } from './VolumesPage';
import { hostQuery } from '../hosts/perHost';


function Users({ v }: { v: Volume }) {
  if (!v.used_by.length) return <p className="hint">No container mounts it.</p>;
  return (
    <table aria-label="Containers that mount it">
      <thead><tr><th scope="col">Container</th><th scope="col">State</th><th scope="col">Mounted at</th><th scope="col">Access</th></tr></thead>
      <tbody>{v.used_by.map((u) => (
        <tr key={u.id}>
          <td><Link href={`/containers/${encodeURIComponent(u.id)}${hostQuery(v.host)}`}>{u.name}</Link></td>
          <td>{u.state}</td><td><code>{u.target}</code></td><td>{u.read_only ? 'read-only' : 'read-write'}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}

export default function VolumeDetailPage() {
  const { name = '' } = useParams<{ name: string }>();
  const { query } = useLocation();
  const host = query.get('host') ?? '';
  const detail = useVolume(host, name);
  const back = <p className="meta"><Link href={`/volumes${hostQuery(host)}`}>Volumes</Link> /</p>;
  if (detail.error) return <section>{back}<h1>{name}</h1><ErrorState error={detail.error} /></section>;
  const d = detail.data;
  if (!d) return <LoadingState />;
  const v = d.volume;
  return (
    <section>
      {back}
      <div className="head">
        <h1><code>{v.name}</code>{v.app && <> <span className="badge busy" title="an app's volume: it goes with the app">app {v.app.name}</span></>}</h1>
        <Link className="button" href={`/volumes/${encodeURIComponent(v.name)}/files${hostQuery(host)}`}>Browse files</Link>
      </div>
      <dl className="summary card">
        <dt>Host</dt><dd>{d.host}</dd>
        <dt>Driver</dt><dd>{v.driver}</dd>
        <dt>Size</dt><dd>{volumeSize(v)}</dd>
        <dt>Created</dt><dd>{v.created_at ? <RelativeTime ts={v.created_at} /> : '—'}</dd>
        <dt>Mountpoint</dt><dd><code>{v.mountpoint}</code></dd>
        <dt>Options</dt><dd>{Object.entries(v.options).map(([k, x]) => `${k}=${x}`).join(', ') || '—'}</dd>
        <dt>Labels</dt><dd>{Object.entries(v.labels).map(([k, x]) => `${k}=${x}`).join(', ') || '—'}</dd>
        {v.app && <><dt>App</dt><dd><Link href={`/apps/${encodeURIComponent(v.app.id)}`}>{v.app.name}</Link> — removing it is refused; it goes with the app.</dd></>}
        {v.stack && <><dt>Stack</dt><dd>{v.stack}</dd></>}
      </dl>
      <h2>Used by</h2>
      <Users v={v} />
      <p><RemoveVolume volume={{ ...v, host: d.host }} onRemoved={() => navigate(`/volumes${hostQuery(host)}`)} /></p>
      <h2>Inspect</h2>
      <InspectView doc={d.inspect} />
    </section>
  );
}
