// Images: the images of one host or of every host (each row naming its host; a host that does not
// answer is said, never blocking the others), searchable and filterable by kind, with the host's
// disk usage, a pull with live progress, remove (Force offered when the engine refuses), prune
// (the plan first) and each image's layers. Viewers read; developers pull, remove and prune.
import { useDeferredValue, useMemo, useState } from 'react';
import './images.css';
import { bytes, utcDate } from '../../shared/format';
import type { Column } from '../../shared/ui/DataTable';
import { usedBy } from '../../shared/ui/UsedBy';
import { HostList } from '../hosts/components/HostList';
import { HostFilters, useHostScope } from '../hosts/components/HostScope';
import { DiskUsageSummary } from './components/DiskUsageSummary';
import { ImageHistoryPanel } from './components/ImageHistoryPanel';
import { PrunePanel } from './components/PrunePanel';
import { PullPanel } from './components/PullPanel';
import { RemoveImage } from './components/RemoveImage';
import { filterImages, hasKind, IMAGE_KINDS, imageName, type ImageKind } from './imageFilter';
import { useImages } from './queries';
import type { Image } from '../../shared/api/types';

const rowKey = (i: Image) => `${i.host}/${i.id}`;

function columns(showHistory: (i: Image) => void): Column<Image>[] {
  return [
    { id: 'image', header: 'Image', required: true, sortValue: imageName, cell: (i) => (
      <>{i.tags.length ? i.tags.join(', ') : <code>&lt;none&gt;</code>}
        {i.dangling && <> <span className="badge muted">dangling</span></>}
        {i.managed && <> <span className="badge busy" title="built by Rivetr for an app: prunes leave it">app</span></>}</>
    ) },
    { id: 'id', header: 'ID', sortValue: (i) => i.short_id, cell: (i) => <code>{i.short_id}</code> },
    { id: 'host', header: 'Host', sortValue: (i) => i.host, cell: (i) => i.host },
    { id: 'size', header: 'Size', sortValue: (i) => i.size_bytes, cell: (i) => bytes(i.size_bytes) },
    { id: 'created', header: 'Created', sortValue: (i) => i.created_at, cell: (i) => utcDate(i.created_at) },
    { id: 'used', header: 'In use by', sortValue: (i) => i.used_by.length, cell: usedBy },
    { id: 'actions', header: 'Actions', required: true, cell: (i) => (
      <span className="actions">
        <button type="button" onClick={() => showHistory(i)}>History<span className="sr-only"> of {imageName(i)}</span></button>
        <RemoveImage image={i} />
      </span>
    ) },
  ];
}

export default function ImagesPage() {
  const scope = useHostScope();
  const { host, q, one, hostName } = scope;
  const [kind, setKind] = useState<ImageKind>('all');
  const [history, setHistory] = useState<Image | null>(null);
  const images = useImages(host);
  const deferredQ = useDeferredValue(q);
  const all = images.data?.images ?? [];
  const shown = useMemo(() => filterImages(all, deferredQ, kind), [all, deferredQ, kind]);
  const cols = useMemo(() => columns(setHistory), []);
  return (
    <section>
      <h1>Images</h1>
      <HostFilters scope={scope} placeholder="tag, id, host or container" onHostChange={() => setHistory(null)}>
        <label>Show
          <select value={kind} onChange={(e) => setKind(e.target.value as ImageKind)}>
            {IMAGE_KINDS.map((k) => <option key={k} value={k}>{k} ({all.filter((i) => hasKind(i, k)).length})</option>)}
          </select>
        </label>
      </HostFilters>
      <HostList list={images} all={all} shown={shown} noun="images" title="Images" emptyTitle="No images here yet." empty="Pull one below."
        rowKey={rowKey} columns={cols} resetKey={`${host}|${deferredQ}|${kind}`} />
      {history && <ImageHistoryPanel image={history} onClose={() => setHistory(null)} />}
      {one ? (
        <div className="grid image-panels">
          <PullPanel host={host} hostName={hostName} />
          <PrunePanel host={host} hostName={hostName} />
          <DiskUsageSummary host={host} hostName={hostName} />
        </div>
      ) : <p className="hint card">Choose one host to pull, prune or see its disk usage.</p>}
    </section>
  );
}
