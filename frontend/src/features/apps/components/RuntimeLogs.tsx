// The live container's output: the last lines, then new ones as they are written.
import { useEffect, useState } from 'react';
import { authHeaders } from '../../../shared/api/client';
import { followStream } from '../../../shared/api/sse';
import type { LogLine } from '../../../shared/api/types';
import { appendCapped, LogView } from '../../../shared/ui/LogView';

export function RuntimeLogs({ appId }: { appId: string }) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [state, setState] = useState('connecting');
  const [on, setOn] = useState(true);

  useEffect(() => {
    if (!on) return;
    setLines([]);
    const ctl = new AbortController();
    void followStream(`/api/apps/${encodeURIComponent(appId)}/logs/stream?tail=200`, {
      headers: () => authHeaders(),
      signal: ctl.signal,
      onState: setState,
      onEvent: (ev) => {
        if (ev.event !== 'log') return;
        const l = JSON.parse(ev.data) as LogLine;
        setLines((old) => appendCapped(old, [l]).lines);
      },
    });
    return () => ctl.abort();
  }, [appId, on]);

  return (
    <div>
      <p className="stream-state">
        Runtime output: <span>{on ? state : 'paused'}</span>{' '}
        <button type="button" onClick={() => setOn(!on)}>{on ? 'Pause' : 'Resume'}</button>
      </p>
      <LogView lines={lines} label="Runtime output of the live container" empty="No output from the live container." />
    </div>
  );
}
