// What a `deployment` event (the deployment as stored now) does to the deployment keys: it is
// merged into the app's timeline, into every cached "recent" list, and replaces its own entry.
import type { QueryClient } from '@tanstack/react-query';
import type { Deployment } from '../../shared/api/types';
import { onLiveEvent } from '../../shared/data/live';
import { mergeDeployment } from '../apps/appStatus';
import { deploymentKeys } from './keys';

export function applyDeployment(qc: QueryClient, d: Deployment): void {
  qc.setQueryData<Deployment[]>(deploymentKeys.ofApp(d.app_id), (old) => old && mergeDeployment(old, d));
  for (const [key, old] of qc.getQueriesData<Deployment[]>({ queryKey: deploymentKeys.recentAll })) {
    const limit = Number(key[2]);
    if (old) qc.setQueryData(key, mergeDeployment(old, d).slice(0, limit));
  }
  if (qc.getQueryData(deploymentKeys.one(d.id))) qc.setQueryData(deploymentKeys.one(d.id), d);
}

onLiveEvent('deployment', (qc, data) => applyDeployment(qc, data as Deployment));
