// The containers list's search box and filters (state, host, image, label, app), as pure functions:
// with 1,000+ rows they run on every keystroke, so each row's searchable text is built once.
import type { ContainerRow } from '../../shared/api/types';

export interface ContainerFilter {
  q: string;
  state: string;  // '' = any
  host: string;   // '' = any
  image: string;  // '' = any
  /** `key` or `key=value`; '' = any. */
  label: string;
  /** '' = any, '*' = any Rivetr app, 'none' = no app, 'stack:<project>' = a Compose stack, else an app's name. */
  app: string;
}

export const NO_FILTER: ContainerFilter = { q: '', state: '', host: '', image: '', label: '', app: '' };

const haystacks = new WeakMap<ContainerRow, string>();
function haystack(c: ContainerRow): string {
  let h = haystacks.get(c);
  if (h === undefined) {
    h = [c.name, c.id.slice(0, 12), c.image, c.status, c.command, c.host, c.app?.name ?? '', ...Object.entries(c.labels).map(([k, v]) => `${k}=${v}`)]
      .join(' ').toLowerCase();
    haystacks.set(c, h);
  }
  return h;
}

export function hasLabel(c: ContainerRow, label: string): boolean {
  const eq = label.indexOf('=');
  if (eq < 0) return label in c.labels;
  return c.labels[label.slice(0, eq)] === label.slice(eq + 1);
}

/** The Compose project a container belongs to (the label `docker compose` sets), if any. */
export const stackOf = (c: ContainerRow): string | undefined => c.labels['com.docker.compose.project'] || undefined;

function appMatches(c: ContainerRow, app: string): boolean {
  if (!app) return true;
  if (app.startsWith('stack:')) return stackOf(c) === app.slice('stack:'.length);
  if (app === '*') return c.app !== null;
  if (app === 'none') return c.app === null;
  return c.app?.name === app;
}

export function filterContainers(rows: ContainerRow[], f: ContainerFilter): ContainerRow[] {
  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  const label = f.label.trim();
  return rows.filter((c) => (!f.state || c.state === f.state)
    && (!f.host || c.host === f.host)
    && (!f.image || c.image === f.image)
    && (!label || hasLabel(c, label))
    && appMatches(c, f.app)
    && words.every((w) => haystack(c).includes(w)));
}

/** The distinct values of a field with how many rows have each, most common first: the filter menus. */
export function facet(rows: ContainerRow[], pick: (c: ContainerRow) => string | undefined): [string, number][] {
  const counts = new Map<string, number>();
  for (const c of rows) {
    const v = pick(c);
    if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The filter as a query string (the URL keeps it) and back. */
export function filterToQuery(f: ContainerFilter): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  return p;
}

export function filterFromQuery(q: URLSearchParams): ContainerFilter {
  const f = { ...NO_FILTER };
  for (const k of Object.keys(NO_FILTER) as (keyof ContainerFilter)[]) f[k] = q.get(k) ?? '';
  return f;
}
