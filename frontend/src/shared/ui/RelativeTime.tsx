// "5m ago" with the exact moment in a tooltip (and in <time datetime> for machines); every
// relative time on screen moves on together, from the one shared clock (shared/clock): each second
// while it reads in seconds, each 30 seconds after.
import { useNow } from '../clock';
import { when } from '../format';

// One formatter for every tooltip: building one per call costs more than a table row.
const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** The exact moment, as a reader would want it in a tooltip: local time and UTC. */
export function absoluteTime(ts: string | number): string {
  const d = new Date(ts);
  return isNaN(d.getTime()) ? String(ts) : `${local.format(d)} (${d.toISOString().replace('.000Z', 'Z')})`;
}

export function RelativeTime({ ts }: { ts: string | number | null | undefined }) {
  const d = new Date(ts ?? NaN);
  const now = useNow(Date.now() - d.getTime() < 60_000 ? 1000 : 30_000);
  if (ts === null || ts === undefined || ts === '') return <>—</>;
  if (isNaN(d.getTime())) return <>{String(ts)}</>;
  // The tooltip's text is made when the pointer or focus arrives, not for every row of a long table.
  const explain = (e: { currentTarget: HTMLElement }) => { e.currentTarget.title = absoluteTime(ts); };
  return <time dateTime={d.toISOString()} onMouseEnter={explain} onFocus={explain}>{when(ts, now)}</time>;
}
