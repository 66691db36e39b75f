// Every app with its newest deployment in two requests, whatever the number of apps (the Apps and
// Overview pages used to ask for each app's deployment list: N requests for N apps), kept current
// by the live event stream (apps/live.ts).
import { useQuery } from '@tanstack/react-query';
import { get } from '../../shared/api/client';
import type { App, Deployment, DeploymentList } from '../../shared/api/types';
import { useLiveUpdates } from '../../shared/data/live';
import { appKeys } from './keys';
import './live';

export interface Fleet {
  apps: App[];
  /** The newest deployment of each app that has one, by app id. */
  latest: Record<string, Deployment>;
}

export async function loadFleet(): Promise<Fleet> {
  const [apps, latest] = await Promise.all([
    get<App[]>('/api/apps'),
    get<DeploymentList>('/api/deployments?latest_per_app=1'),
  ]);
  const byApp: Record<string, Deployment> = {};
  for (const d of latest.deployments) byApp[d.app_id] = d;
  return { apps, latest: byApp };
}

/** The fleet, with the live feed open while the caller is mounted. */
export function useFleet() {
  useLiveUpdates();
  return useQuery({ queryKey: appKeys.fleet, queryFn: loadFleet });
}
