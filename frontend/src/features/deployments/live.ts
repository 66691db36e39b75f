// What a `deployment` event (the deployment as stored now) does to the deployment keys: it is
// merged into the app's timeline, into every cached "recent" list, and replaces its own entry.
import type { QueryClient } from '@tanstack/react-query';
import type { Deployment } from '../../shared/api/types';
import { onLiveEvent } from '../../shared/data/live';
import { mergeDeployment } from '../apps/appStatus';
import { deploymentKeys } from './keys';

export function applyDeployment(qc: QueryClient, event: Deployment): void {
  const d = withRollback(event);
  qc.setQueryData<Deployment[]>(deploymentKeys.ofApp(d.app_id), (old) => old && mergeDeployment(old, d));
  for (const [key, old] of qc.getQueriesData<Deployment[]>({ queryKey: deploymentKeys.recentAll })) {
    const limit = Number(key[2]);
    if (old) qc.setQueryData(key, mergeDeployment(old, d).slice(0, limit));
  }
  const one = qc.getQueryData<Deployment>(deploymentKeys.one(d.id));
  if (one) qc.setQueryData(deploymentKeys.one(d.id), { ...one, ...d });
}

/** An event leaves out rollback_available (the server asks the engine for it): a deployment that just
 * went live can be rolled back to, one that failed or is in progress cannot, and a replaced one keeps
 * the answer its entry had (merged over it). An image pruned since shows at the next fetch. */
export function withRollback(d: Deployment): Deployment {
  if (d.rollback_available !== undefined || d.status === 'replaced') return d;
  return { ...d, rollback_available: d.status === 'running' && d.image !== null };
}

onLiveEvent('deployment', (qc, data) => applyDeployment(qc, data as Deployment));
