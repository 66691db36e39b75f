// The apps list's search box and status filter, as a pure function.
import type { App } from '../../shared/api/types';
import { hasStatus, type AppState, type AppStatus } from './appStatus';

export interface AppRow extends AppState {
  app: App;
}

export function filterApps(rows: AppRow[], query: string, status: AppStatus | 'all'): AppRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (status !== 'all' && !hasStatus(row, status)) return false;
    const { app } = row;
    const hay = [app.name, app.git_url, app.branch, ...app.domains].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
