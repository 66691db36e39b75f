// Small formatting helpers shared by the pages.

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !isFinite(n)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function when(ts: string | number | null | undefined, now = Date.now()): string {
  if (ts === null || ts === undefined || ts === '') return '—';
  const d = new Date(ts);
  if (isNaN(d.getTime())) return String(ts);
  const s = Math.round((now - d.getTime()) / 1000);
  if (s < 60) return s <= 1 ? 'just now' : `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return d.toLocaleDateString();
}

/** From `from` to `to`, or to `now` while it runs (no `to` yet). */
export function duration(from: string | null, to: string | null, now = Date.now()): string {
  if (!from) return '';
  const ms = (to ? new Date(to).getTime() : now) - new Date(from).getTime();
  if (!isFinite(ms) || ms < 0) return '';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`;
}

export const shortSha = (sha: string | null) => (sha ? sha.slice(0, 8) : '—');

/** The first line of a commit message; '' when there is none. */
export const headline = (message: string | null | undefined) => (message ?? '').split('\n')[0].trim();

/** "Ann Smith" of "Ann Smith <ann@example.com>" (how commit authors are stored); '' when there is none. */
export const authorName = (author: string | null | undefined) => (author ?? '').replace(/\s*<[^>]*>\s*$/, '').trim();

export function percent(used: number, total: number): number {
  return total > 0 ? Math.round((used / total) * 100) : 0;
}

/** A moment to come, relative ("in 5m", "in 3 days"); one already past says so. */
export function until(ts: string | null | undefined, now = Date.now()): string {
  if (!ts) return '—';
  const t = new Date(ts).getTime();
  if (isNaN(t)) return String(ts);
  const s = Math.round((t - now) / 1000);
  if (s <= 0) return 'now';
  if (s < 60) return `in ${s}s`;
  if (s < 3600) return `in ${Math.round(s / 60)}m`;
  if (s < 86400) return `in ${Math.round(s / 3600)}h`;
  return `in ${Math.floor(s / 86400)} days`; // floored: an expiry is never later than it says
}

/** A calendar date in UTC (YYYY-MM-DD): the same for every reader, unlike the locale's format. */
export function utcDate(ts: string | null | undefined): string {
  if (!ts) return '—';
  const d = new Date(ts);
  return isNaN(d.getTime()) ? String(ts) : d.toISOString().slice(0, 10);
}
