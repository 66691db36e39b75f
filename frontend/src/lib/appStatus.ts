// What one word best describes an app: an in-progress deployment wins, then the live one.
import type { App, Deployment } from '../api/types';
import { IN_PROGRESS } from '../api/types';

export type AppStatus = 'running' | 'deploying' | 'failed' | 'stopped' | 'not deployed';

export function appStatus(app: App, deployments: Deployment[] | undefined): AppStatus {
  const latest = deployments?.[0];
  if (latest && IN_PROGRESS.has(latest.status)) return 'deploying';
  if (app.live_deployment_id) return 'running';
  if (latest?.status === 'failed') return 'failed';
  if (latest) return 'stopped';
  return 'not deployed';
}

/** Newest first, merging an updated deployment into a list (from the live event stream). */
export function mergeDeployment(list: Deployment[], d: Deployment): Deployment[] {
  const i = list.findIndex((x) => x.id === d.id);
  const next = i >= 0 ? list.map((x) => (x.id === d.id ? d : x)) : [d, ...list];
  return next.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
}
