// What a `deployment` event (the deployment as stored now) does to the deployment keys: it is
// merged into the app's timeline, into every cached "recent" list, and replaces its own entry.
import type { QueryClient } from '@tanstack/react-query';
import { TERMINAL, type Deployment } from '../../shared/api/types';
import { onLiveEvent } from '../../shared/data/live';
import { mergeDeployment } from '../apps/appStatus';
import { deploymentKeys } from './keys';

export function applyDeployment(qc: QueryClient, d: Deployment): void {
  qc.setQueryData<Deployment[]>(deploymentKeys.ofApp(d.app_id), (old) => old && mergeDeployment(old, d));
  for (const [key, old] of qc.getQueriesData<Deployment[]>({ queryKey: deploymentKeys.recentAll })) {
    const limit = Number(key[2]);
    if (old) qc.setQueryData(key, mergeDeployment(old, d).slice(0, limit));
  }
  const one = qc.getQueryData<Deployment>(deploymentKeys.one(d.id));
  if (one) qc.setQueryData(deploymentKeys.one(d.id), { ...one, ...d });
  // A finished deployment changes which images a rollback can run (it went live, or the clean-up
  // after it pruned some): the app's list asks the server again for rollback_available.
  if (TERMINAL.has(d.status)) void qc.invalidateQueries({ queryKey: deploymentKeys.ofApp(d.app_id) });
}

onLiveEvent('deployment', (qc, data) => applyDeployment(qc, data as Deployment));
