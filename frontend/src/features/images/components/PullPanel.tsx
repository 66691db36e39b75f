// Pull an image onto one host with its live progress: a bar per layer and one for the pull, the
// engine's own lines, its error when it fails; the list and disk usage refresh once the image is in.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { describeError } from '../../../shared/api/client';
import { bytes } from '../../../shared/format';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { settingsKeys } from '../../settings/queries';
import { applyPullEvent, initialPull, overallFraction, type LayerProgress, type PullState } from '../pullProgress';
import { streamPull } from '../pullStream';
import { imageKeys } from '../queries';

function Bar({ label, fraction, detail }: { label: string; fraction: number; detail: string }) {
  const p = Math.round(fraction * 100);
  return (
    <div className="meter">
      <div className="meter-head"><span>{label}</span><span>{detail}</span></div>
      <progress max={100} value={p} aria-label={`${label} ${p}%`} />
    </div>
  );
}

const layerDetail = (l: LayerProgress) => (l.total > 0 && l.fraction < 1 ? `${l.status} ${bytes(l.current)} / ${bytes(l.total)}` : l.status);

export function PullPanel({ host, hostName }: { host: string; hostName: string }) {
  const qc = useQueryClient();
  const [image, setImage] = useState('');
  const [state, setState] = useState<PullState | null>(null);
  const [pulling, setPulling] = useState(false);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []); // leaving the page cancels the pull

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState(initialPull);
    setPulling(true);
    let last = initialPull;
    try {
      await streamPull(host, image.trim(), (event, data) => { last = applyPullEvent(last, event, data); setState(last); }, controller.signal);
      if (!last.done && !last.error) setState({ ...last, error: 'the stream ended before the pull did' });
    } catch (err) {
      if (!controller.signal.aborted) setState({ ...last, error: describeError(err) });
    } finally {
      if (abort.current === controller) setPulling(false);
      void qc.invalidateQueries({ queryKey: imageKeys.all });
      void qc.invalidateQueries({ queryKey: settingsKeys.audit });
    }
  };

  return (
    <form className="card" aria-label="Pull an image" onSubmit={submit}>
      <h2>Pull an image <small className="hint">onto {hostName}</small></h2>
      <div className="inline">
        <label>Image
          <input className="mono" value={image} onChange={(e) => setImage(e.target.value)} required
            placeholder="registry.example:5000/team/app:v1" aria-describedby="pull-hint" />
        </label>
        <RoleGate min="developer" action="pull images">
          <button type="submit" className="primary" disabled={pulling || !image.trim()} aria-busy={pulling}>{pulling ? 'Pulling…' : 'Pull'}</button>
        </RoleGate>
      </div>
      <p id="pull-hint" className="hint">repo[:tag] or repo@sha256:…; without a tag, :latest.</p>
      {state && (
        <div aria-live="polite">
          <Bar label={`Pull of ${image.trim()}`} fraction={overallFraction(state)} detail={`${state.layers.length} layers`} />
          {state.layers.length > 0 && (
            <ul className="plain" aria-label="Layers">
              {state.layers.map((l) => <li key={l.id}><Bar label={`Layer ${l.id}`} fraction={l.fraction} detail={layerDetail(l)} /></li>)}
            </ul>
          )}
          {state.messages.length > 0 && <ul className="hint pull-lines">{state.messages.map((m, i) => <li key={i}><code>{m}</code></li>)}</ul>}
          {state.done && <p role="status" className="note ok pull-done">Pulled {state.done.reference} ({state.done.image_id.replace(/^sha256:/, '').slice(0, 12)})</p>}
          {state.error && <p role="alert" className="note bad">Pull failed: {state.error}</p>}
        </div>
      )}
    </form>
  );
}
