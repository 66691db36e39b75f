// "5m ago" with the exact moment in a tooltip (and in <time datetime> for machines); every
// relative time on screen moves on together, from one shared 30-second clock.
import { useSyncExternalStore } from 'react';
import { when } from '../format';

let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(l: () => void) {
  listeners.add(l);
  if (!timer) timer = setInterval(() => { now = Date.now(); listeners.forEach((x) => x()); }, 30_000);
  return () => {
    listeners.delete(l);
    if (listeners.size === 0 && timer) { clearInterval(timer); timer = undefined; }
  };
}

// One formatter for every tooltip: building one per call costs more than a table row.
const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** The exact moment, as a reader would want it in a tooltip: local time and UTC. */
export function absoluteTime(ts: string | number): string {
  const d = new Date(ts);
  return isNaN(d.getTime()) ? String(ts) : `${local.format(d)} (${d.toISOString().replace('.000Z', 'Z')})`;
}

export function RelativeTime({ ts }: { ts: string | number | null | undefined }) {
  useSyncExternalStore(subscribe, () => now);
  if (ts === null || ts === undefined || ts === '') return <>—</>;
  const d = new Date(ts);
  if (isNaN(d.getTime())) return <>{String(ts)}</>;
  // The tooltip's text is made when the pointer or focus arrives, not for every row of a long table.
  const explain = (e: { currentTarget: HTMLElement }) => { e.currentTarget.title = absoluteTime(ts); };
  return <time dateTime={d.toISOString()} onMouseEnter={explain} onFocus={explain}>{when(ts)}</time>;
}
