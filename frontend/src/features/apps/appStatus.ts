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

/** A deployment that ended without going live because something went wrong (rolled_back: the
 * previous version kept serving). A cancelled one is a user's or the server's choice, not a fault. */
const FAILED: ReadonlySet<string> = new Set(['failed', 'rolled_back']);

/** The app's newest deployment when it failed: the app's badge says so and points at it. */
export function lastDeployFailure(latest: Deployment | undefined): Deployment | null {
  return latest && FAILED.has(latest.status) ? latest : null;
}

/** What the app is doing, and the failed last deployment that needs a look, if any. */
export interface AppState {
  status: AppStatus;
  failure: Deployment | null;
}

export function appState(app: App, latest: Deployment | undefined): AppState {
  return { status: appStatus(app, latest), failure: lastDeployFailure(latest) };
}

/** "running · last deploy failed": the status word alone when nothing failed or it already says failed. */
export function stateLabel({ status, failure }: AppState): string {
  return failure && status !== 'failed' ? `${status} · last deploy failed` : status;
}

/** Whether an app belongs under a status filter: "failed" is every app whose last deploy failed,
 * whether an older version still runs or not. */
export function hasStatus(state: AppState, wanted: AppStatus): boolean {
  return wanted === 'failed' ? state.failure !== null : state.status === wanted;
}

/** How many apps each status filter would show. */
export function countByStatus(states: AppState[], statuses: readonly AppStatus[]): Map<AppStatus, number> {
  return new Map(statuses.map((st) => [st, states.filter((s) => hasStatus(s, st)).length]));
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
