// What the live feed does to the app keys. A `deployment` event moves the app's newest deployment
// in the fleet (its status badge) and, when one goes live, refetches the app records on screen
// (live_deployment_id). An `action` event (start/stop/restart) that finished changes `stopped`, and
// the engine's own (crash, recover) change `live`: the fleet and the app records are refetched.
import type { QueryClient } from '@tanstack/react-query';
import type { App, Deployment } from '../../shared/api/types';
import { onLiveEvent } from '../../shared/data/live';
import { mergeLatest } from './appStatus';
import type { Fleet } from './fleet';
import { appKeys } from './keys';

export function applyDeploymentToApps(qc: QueryClient, d: Deployment): void {
  qc.setQueryData<Fleet>(appKeys.fleet, (old) => old && { ...old, latest: mergeLatest(old.latest, d) });
  if (d.status !== 'running') return;
  const stale = qc.getQueriesData<App>({ queryKey: appKeys.details })
    .some(([, a]) => a && a.id === d.app_id && a.live_deployment_id !== d.id);
  if (stale) void qc.invalidateQueries({ queryKey: appKeys.details });
}

interface ActionEvent { app_id: string; action: string; status: string }

export function applyAction(qc: QueryClient, e: ActionEvent): void {
  // A user's action changes the app when it ends; the engine's own change it as they happen
  // (crash: crashed, recover in progress: restarting).
  const changes = e.status === 'done' || e.status === 'failed' || e.action === 'crash' ||
    (e.action === 'recover' && e.status === 'in_progress');
  if (!changes) return;
  void qc.invalidateQueries({ queryKey: appKeys.fleet });
  void qc.invalidateQueries({ queryKey: appKeys.details });
}

onLiveEvent('deployment', (qc, data) => applyDeploymentToApps(qc, data as Deployment));
onLiveEvent('action', (qc, data) => applyAction(qc, data as ActionEvent));
