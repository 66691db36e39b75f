// Deployments: query keys, reads and the actions on one deployment. The live feed patches these
// keys in place (live.ts), so a timeline or a recent list never needs a reload.
import { useQuery } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';
import type { AppDeployment, Deployment, DeploymentList, DeploymentLogs } from '../../shared/api/types';
import { useApiMutation } from '../../shared/data/useApiMutation';
import { deploymentKeys } from './keys';
import './live';

export { deploymentKeys };

const enc = encodeURIComponent;

export function useAppDeployments(appId: string | undefined) {
  return useQuery({
    queryKey: deploymentKeys.ofApp(appId ?? ''),
    queryFn: () => get<AppDeployment[]>(`/api/apps/${enc(appId!)}/deployments`),
    enabled: Boolean(appId),
  });
}

export function useRecentDeployments(limit: number) {
  return useQuery({
    queryKey: deploymentKeys.recent(limit),
    queryFn: () => get<DeploymentList>(`/api/deployments?limit=${limit}`).then((r) => r.deployments),
  });
}

export function useCancelDeployment() {
  return useApiMutation({
    run: (d: Deployment) => post(`/api/deployments/${enc(d.id)}/cancel`),
    success: () => 'Cancel requested',
    failure: 'Cancel failed',
  });
}

export function useRollback(onStarted: (deploymentId: string) => void) {
  return useApiMutation({
    run: (d: Deployment) => post<{ deployment_id: string }>(`/api/deployments/${enc(d.id)}/rollback`),
    success: () => 'Rollback started',
    failure: 'Rollback failed',
    onDone: (r) => onStarted(r.deployment_id),
  });
}


/** The stored log of a deployment, for a server without the live stream. */
export const storedLog = (id: string) => get<DeploymentLogs>(`/api/deployments/${enc(id)}/logs`);
