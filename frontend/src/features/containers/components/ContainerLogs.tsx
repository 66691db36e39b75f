// A container's output: the last N lines then new ones as they come (GET …/logs/stream, SSE), both
// streams, with timestamps on demand and a search that filters what is shown.
import { useEffect, useMemo, useRef, useState } from 'react';
import { authHeaders } from '../../../shared/api/client';
import { followStream } from '../../../shared/api/sse';
import type { ContainerLogLine } from '../../../shared/api/types';
import { appendCapped, LogView } from '../../../shared/ui/LogView';
import { hostQuery } from '../../hosts/perHost';
import { shownLines, type LogQuery } from '../logSearch';

type Line = ContainerLogLine & { id: number };

export function ContainerLogs({ id, host }: { id: string; host: string }) {
  const [lines, setLines] = useState<Line[]>([]);
  const [state, setState] = useState('connecting');
  const [follow, setFollow] = useState(true);
  const [tail, setTail] = useState(200);
  const [q, setQ] = useState<LogQuery>({ search: '', stdout: true, stderr: true, timestamps: false });
  const next = useRef(0);

  useEffect(() => {
    if (!follow) { setState('paused'); return; }
    setLines([]);
    const ctl = new AbortController();
    void followStream(`/api/containers/${encodeURIComponent(id)}/logs/stream?tail=${tail}${hostQuery(host, false)}`, {
      headers: () => authHeaders(),
      signal: ctl.signal,
      onState: setState,
      onEvent: (ev) => {
        if (ev.event !== 'log') return;
        const l = { ...(JSON.parse(ev.data) as ContainerLogLine), id: next.current++ };
        setLines((old) => appendCapped(old, [l]).lines);
      },
    });
    return () => ctl.abort();
  }, [id, host, follow, tail]);

  const shown = useMemo(() => shownLines(lines, q), [lines, q]);
  const set = (p: Partial<LogQuery>) => setQ((old) => ({ ...old, ...p }));
  return (
    <div>
      <div className="inline log-tools">
        <label>Search the output<input type="search" value={q.search} onChange={(e) => set({ search: e.target.value })} placeholder="text or /regex/" /></label>
        <label>Last lines
          <select value={tail} onChange={(e) => setTail(Number(e.target.value))}>{[50, 200, 1000, 5000].map((n) => <option key={n} value={n}>{n}</option>)}</select>
        </label>
        <label className="check"><input type="checkbox" checked={q.stdout} onChange={(e) => set({ stdout: e.target.checked })} /> stdout</label>
        <label className="check"><input type="checkbox" checked={q.stderr} onChange={(e) => set({ stderr: e.target.checked })} /> stderr</label>
        <label className="check"><input type="checkbox" checked={q.timestamps} onChange={(e) => set({ timestamps: e.target.checked })} /> timestamps</label>
        <button type="button" aria-pressed={follow} onClick={() => setFollow(!follow)}>{follow ? 'Pause' : 'Follow'}</button>
        <span className="stream-state">{state}</span>
      </div>
      {shown.error && <p role="alert" className="note bad">{shown.error}</p>}
      {q.search.trim() && <p role="status" className="hint">{shown.lines.length} of {lines.length} lines match</p>}
      <LogView lines={shown.lines} label={`Output of ${id}`} empty={lines.length ? 'No line matches.' : 'No output yet.'} />
    </div>
  );
}
