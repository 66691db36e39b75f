// An image's layers, newest first: when each was made, by which build step, and its size.
import { useEffect, useRef } from 'react';
import { bytes, utcDate } from '../../../shared/format';
import { ScrollBox } from '../../../shared/ui/ScrollBox';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { imageName } from '../imageFilter';
import { useImageHistory } from '../queries';
import type { Image } from '../../../shared/api/types';

const layerId = (id: string) => (id.startsWith('sha256:') ? id.slice(7, 19) : id);

export function ImageHistoryPanel({ image, onClose }: { image: Image; onClose: () => void }) {
  const history = useImageHistory(image);
  const name = imageName(image);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), [image]); // it opens below the list: take the reader there
  return (
    <section className="card" aria-labelledby="image-history-title">
      <div className="head">
        <h2 id="image-history-title" ref={title} tabIndex={-1}>History of {name} <small className="hint">on {image.host}</small></h2>
        <button type="button" onClick={onClose}>Close<span className="sr-only"> the history</span></button>
      </div>
      {history.error && <ErrorState error={history.error} retry={() => void history.refetch()} />}
      {history.isPending ? <LoadingState /> : history.data && (
        <ScrollBox label={`Layers of ${name}`}>
          <table aria-label={`Layers of ${name}`}>
            <thead><tr><th scope="col">Layer</th><th scope="col">Created</th><th scope="col">Size</th><th scope="col">Created by</th></tr></thead>
            <tbody>
              {history.data.layers.map((l, i) => (
                <tr key={`${l.id}-${i}`}>
                  <td><code>{layerId(l.id)}</code></td><td>{utcDate(l.created_at)}</td><td>{bytes(l.size_bytes)}</td>
                  <td><code title={l.created_by}>{l.created_by.length > 90 ? `${l.created_by.slice(0, 90)}…` : l.created_by}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
