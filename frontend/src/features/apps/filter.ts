// The apps list's search box and status filter, as a pure function.
import type { App } from '../../shared/api/types';
import type { AppStatus } from './appStatus';

export interface AppRow {
  app: App;
  status: AppStatus;
}

export function filterApps(rows: AppRow[], query: string, status: AppStatus | 'all'): AppRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(({ app, status: s }) => {
    if (status !== 'all' && s !== status) return false;
    const hay = [app.name, app.git_url, app.branch, ...app.domains].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
