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

/** The exact moment, as a reader would want it in a tooltip: local time and UTC. */
export function absoluteTime(ts: string | number): string {
  const d = new Date(ts);
  return isNaN(d.getTime()) ? String(ts) : `${d.toLocaleString()} (${d.toISOString().replace('.000Z', 'Z')})`;
}

export function RelativeTime({ ts }: { ts: string | number | null | undefined }) {
  useSyncExternalStore(subscribe, () => now);
  if (ts === null || ts === undefined || ts === '') return <>—</>;
  const d = new Date(ts);
  if (isNaN(d.getTime())) return <>{String(ts)}</>;
  return <time dateTime={d.toISOString()} title={absoluteTime(ts)}>{when(ts)}</time>;
}
