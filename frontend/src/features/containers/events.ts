// The engine events a user reads (GET /api/docker/events, already followed for the live list):
// kept per dashboard tab, newest first and bounded, each described the way `docker events` would
// say what matters (a `die`'s exit code, a `kill`'s signal, a health status); `oom` and unhealthy
// are marked so they stand out.
import type { QueryClient } from '@tanstack/react-query';
import type { DockerEvent } from './live';

export interface EventEntry {
  key: string;
  time: number; // ms since the epoch
  host: string;
  id: string;
  name: string;
  action: string; // the base action: die, oom, health_status, …
  text: string; // "die (exit 3)", "kill (signal 9)", "health_status: unhealthy"
  severity: 'bad' | 'warn' | '';
}

/** How many events the page keeps: enough to scroll back over a burst, small enough to render at once. */
export const MAX_EVENTS = 200;
/** Outside containerKeys.all on purpose: invalidating the list must not touch the kept events. */
export const eventKeys = { log: ['docker-events'] as const };

let seq = 0;

/** Describes one container event; other object types (networks, images) are not shown. */
export function describeEvent(ev: DockerEvent, host: string, now = Date.now()): EventEntry | null {
  if (ev.type !== 'container') return null;
  const a = ev.attributes ?? {};
  const [base, rest] = ev.action.split(/:\s*/, 2);
  const exit = a.exitCode;
  let text = ev.action;
  if (base === 'die' && exit !== undefined) text = `die (exit ${exit})`;
  else if (base === 'kill' && a.signal) text = `kill (signal ${a.signal})`;
  const unhealthy = base === 'health_status' && rest === 'unhealthy';
  const severity = base === 'oom' || unhealthy ? 'bad' : base === 'die' && exit !== undefined && exit !== '0' ? 'warn' : '';
  const time = ev.time_nano ? Math.floor(ev.time_nano / 1e6) : now;
  return { key: `${++seq}`, time, host, id: ev.id, name: a.name ?? ev.id.slice(0, 12), action: base, text, severity };
}

/** Adds an event in front of the kept ones, dropping the oldest past MAX_EVENTS. */
export function keepEvent(list: EventEntry[] | undefined, e: EventEntry, max = MAX_EVENTS): EventEntry[] {
  return [e, ...(list ?? [])].slice(0, max);
}

export function recordEvent(qc: QueryClient, ev: DockerEvent, host: string): void {
  const e = describeEvent(ev, host);
  if (e) qc.setQueryData<EventEntry[]>(eventKeys.log, (old) => keepEvent(old, e));
}
