// What one word best describes an app: an in-progress deployment wins, then a user's stop, then a crash, then the live one.
import type { App, Deployment } from '../../shared/api/types';
import { IN_PROGRESS } from '../../shared/api/types';

export type AppStatus = 'running' | 'deploying' | 'crashed' | 'restarting' | 'failed' | 'stopped' | 'not deployed';

/** `latest` is the app's newest deployment (from ?latest_per_app=1 or the head of its own list). */
export function appStatus(app: App, latest: Deployment | undefined): AppStatus {
  if (latest && IN_PROGRESS.has(latest.status)) return 'deploying';
  if (app.stopped) return 'stopped';
  // What the engine saw of the live container: it died (domains answer 503) or is being restarted.
  if (app.live?.state === 'crashed' || app.live?.state === 'restarting') return app.live.state;
  // A deployment that just reached running is live even before the app record says so.
  if (app.live_deployment_id || latest?.status === 'running') return 'running';
  if (latest?.status === 'failed') return 'failed';
  if (latest) return 'stopped';
  return 'not deployed';
}

const newestFirst = (a: Deployment, b: Deployment) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0);

/** Newest first, merging an updated deployment into a list (from the live event stream). */
export function mergeDeployment(list: Deployment[], d: Deployment): Deployment[] {
  const i = list.findIndex((x) => x.id === d.id);
  // A live event leaves out what only the REST answers carry (rollback_available, live): keep those.
  const next = i >= 0 ? list.map((x) => (x.id === d.id ? { ...x, ...d } : x)) : [d, ...list];
  return next.sort(newestFirst);
}

/** The newest deployment per app id, updated by a live event: a newer or the same deployment replaces it. */
export function mergeLatest(latest: Record<string, Deployment>, d: Deployment): Record<string, Deployment> {
  const old = latest[d.app_id];
  if (old && old.id !== d.id && old.created_at > d.created_at) return latest;
  return { ...latest, [d.app_id]: d };
}
