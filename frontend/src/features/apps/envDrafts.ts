// Unsaved Env tab edits, kept per app while the dashboard is open: switching tabs (which unmounts the
// editor) or pages and coming back finds them; closing or reloading the page with any asks first.
import type { EnvVar } from '../../shared/api/types';

/** A row being edited: a new one has no updated_at yet. */
export type EnvRow = Omit<EnvVar, 'updated_at'> & { updated_at?: string };

const drafts = new Map<string, EnvRow[]>();

export const envDraft = (appId: string): EnvRow[] | null => drafts.get(appId) ?? null;

/** Same keys, values and flags in the same order: nothing to save. */
export function sameVars(a: readonly EnvRow[], b: readonly EnvRow[]): boolean {
  return a.length === b.length && a.every((x, i) =>
    x.key === b[i].key && x.value === b[i].value && x.secret === b[i].secret && x.build_time === b[i].build_time);
}

/** Keeps `rows` as the app's draft, or drops it when they equal what the server has (or are null). */
export function keepEnvDraft(appId: string, rows: EnvRow[] | null, saved: readonly EnvRow[] | undefined): EnvRow[] | null {
  const draft = rows && !(saved && sameVars(rows, saved)) ? rows : null;
  if (draft) drafts.set(appId, draft);
  else drafts.delete(appId);
  return draft;
}

if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', (e) => {
    if (drafts.size === 0) return;
    e.preventDefault();
    e.returnValue = '';  // older browsers show their "leave site?" question only with this set
  });
}

/** Pasted variables onto the rows: a key already there takes the new value (and keeps its flags unless
 * `secret` marks it), a new one is added at the end; empty rows being typed stay. */
export function withPasted(rows: readonly EnvRow[], vars: readonly { key: string; value: string }[], secret: boolean): EnvRow[] {
  const out = rows.map((r) => ({ ...r }));
  for (const v of vars) {
    const row = out.find((r) => r.key === v.key);
    if (row) Object.assign(row, { value: v.value, secret: row.secret || secret });
    else out.push({ key: v.key, value: v.value, secret, build_time: false });
  }
  return out;
}
