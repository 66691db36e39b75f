// The engines' recent container events as a live list (newest first, the last MAX_EVENTS kept by
// live.ts), filtered by action; on a container's page only that container's. `oom` and unhealthy
// are marked bad, a non-zero exit a warning, so they stand out of a stream of starts and stops.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from '../../../shared/router';
import { eventKeys, MAX_EVENTS, type EventEntry } from '../events';
import { containerHref } from '../keys';

const ACTIONS = ['die', 'oom', 'health_status', 'kill', 'start', 'stop', 'restart', 'create', 'destroy'];
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** The kept events: written by the event followers, only read here (never fetched). */
function useKeptEvents(): EventEntry[] {
  return useQuery({ queryKey: eventKeys.log, queryFn: () => [] as EventEntry[], initialData: [], staleTime: Infinity, gcTime: Infinity }).data;
}

export function EngineEvents({ container, host }: { container?: string; host?: string }) {
  const all = useKeptEvents();
  const [action, setAction] = useState('');
  const mine = useMemo(() => (container ? all.filter((e) => (e.id === container || e.name === container) && e.host === (host || 'local')) : all), [all, container, host]);
  const shown = action ? mine.filter((e) => e.action === action) : mine;
  const options = [...new Set([...ACTIONS, ...mine.map((e) => e.action)])];
  return (
    <div className="engine-events" aria-label="Engine events">
      <div className="filters">
        <label>Action
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">any</option>
            {options.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <span className="hint">Live since this page opened; the last {MAX_EVENTS} kept.</span>
      </div>
      {shown.length === 0 ? <p className="hint">No {action ? `${action} ` : ''}event yet.</p> : (
        <table className="events-table">
          <thead><tr><th>Time</th><th>Host</th><th>Container</th><th>Event</th></tr></thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.key} data-event-action={e.action} className={e.severity ? `event ${e.severity}` : 'event'}>
                <td><time dateTime={new Date(e.time).toISOString()}>{clock.format(e.time)}</time></td>
                <td>{e.host}</td>
                <td>{container ? e.name : <Link href={containerHref({ id: e.id, host: e.host })}>{e.name}</Link>}</td>
                <td>{e.severity === 'bad' && <span className="badge bad">!</span>} {e.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
