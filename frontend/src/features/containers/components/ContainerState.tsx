// A container's engine state as a badge (the word always shown; the colour only helps), and its app.
import type { ContainerRow } from '../../../shared/api/types';
import { Link } from '../../../shared/router';

const TONE: Record<string, string> = { running: 'ok', paused: 'busy', restarting: 'busy', removing: 'busy', created: 'muted', exited: 'muted', dead: 'bad' };

export function ContainerState({ state, status }: { state: string; status?: string }) {
  const tone = state === 'running' && status?.includes('(unhealthy)') ? 'bad' : TONE[state] ?? 'muted';
  return <span className={`badge ${tone}`}>{state}</span>;
}

/** "app shop": the container belongs to a Rivetr app (the manager acts on it through the app). */
export function AppMark({ app }: { app: ContainerRow['app'] }) {
  if (!app) return null;
  return <Link className="badge app-mark" href={`/apps/${encodeURIComponent(app.name)}`} title="This container belongs to a Rivetr app">app {app.name}</Link>;
}
