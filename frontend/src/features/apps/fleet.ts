// Every app with its newest deployment in two requests, whatever the number of apps (the Apps and
// Overview pages used to ask for each app's deployment list: N requests for N apps), kept current
// by the live event stream.
import { useEffect } from 'react';
import { get } from '../../shared/api/client';
import type { App, Deployment, DeploymentList } from '../../shared/api/types';
import { mergeLatest } from './appStatus';
import { subscribeDeployments } from '../../shared/api/events';
import { useLoad, type Loaded } from '../../shared/useLoad';

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

/** The fleet, with deployment events merged in as they happen and a full reload after a reconnect. */
export function useFleet(): Loaded<Fleet> {
  const fleet = useLoad(loadFleet, []);
  useEffect(() => subscribeDeployments(
    (d) => fleet.set((old) => old && { ...old, latest: mergeLatest(old.latest, d) }),
    fleet.reload,
  ), []); // eslint-disable-line react-hooks/exhaustive-deps
  return fleet;
}
