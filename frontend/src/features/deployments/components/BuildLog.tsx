// The build log of one deployment, streamed live (stored lines replayed first) until it ends; its
// `status` events update the deployment keys like the feed's `deployment` events do.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { authHeaders } from '../../../shared/api/client';
import { followStream } from '../../../shared/api/sse';
import type { Deployment, LogLine } from '../../../shared/api/types';
import { applyLiveEvent } from '../../../shared/data/live';
import { appendCapped, LogView } from '../../../shared/ui/LogView';
import { storedLog } from '../queries';

export function BuildLog({ deployment }: { deployment: Deployment }) {
  const qc = useQueryClient();
  const [lines, setLines] = useState<LogLine[]>([]);
  const [dropped, setDropped] = useState(0);
  const [state, setState] = useState('connecting');
  const id = deployment.id;

  useEffect(() => {
    setLines([]);
    setDropped(0);
    const ctl = new AbortController();
    let pending: LogLine[] = [];
    let frame = 0;
    // Lines arrive in bursts during a build: render at most once per animation frame.
    const flush = () => {
      frame = 0;
      const more = pending;
      pending = [];
      setLines((old) => {
        const r = appendCapped(old, more);
        if (r.dropped) setDropped((d) => d + r.dropped);
        return r.lines;
      });
    };
    void followStream(`/api/deployments/${encodeURIComponent(id)}/logs/stream`, {
      headers: () => authHeaders(),
      signal: ctl.signal,
      endEvent: 'end',
      onState: (s) => {
        setState(s);
        // A server without the stream route: show the stored log once, honestly labelled.
        if (s.startsWith('closed: the server answered 404')) {
          storedLog(id)
            .then((r) => { setLines(r.lines); setState('stored log (live streaming unavailable)'); })
            .catch(() => undefined);
        }
      },
      onEvent: (ev) => {
        if (ev.event === 'log') {
          pending.push(JSON.parse(ev.data) as LogLine);
          if (!frame) frame = requestAnimationFrame(flush);
        } else if (ev.event === 'status') {
          applyLiveEvent(qc, 'deployment', ev.data); // the same record as the feed's `deployment` event
        }
      },
    });
    return () => { ctl.abort(); if (frame) cancelAnimationFrame(frame); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  return (
    <div>
      <p className="stream-state" aria-live="polite">Build log of {id}: <span data-testid="stream-state">{state}</span></p>
      <LogView lines={lines} dropped={dropped} label={`Build log of deployment ${id}`} />
    </div>
  );
}
