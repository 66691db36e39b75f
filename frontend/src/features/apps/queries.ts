// Apps: reads (one app, its env, its certificates) and every change to an app, each naming the
// keys it makes stale. The fleet (all apps) is in fleet.ts; what live events do is in live.ts.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, post, put } from '../../shared/api/client';
import type { App, Certificates, DetectResult, EnvRedeployAccepted, EnvVar } from '../../shared/api/types';
import { useApiMutation } from '../../shared/data/useApiMutation';
import { appKeys } from './keys';
import './live';

export { appKeys };
const enc = encodeURIComponent;

export function useApp(idOrName: string) {
  return useQuery({ queryKey: appKeys.detail(idOrName), queryFn: () => get<App>(`/api/apps/${enc(idOrName)}`) });
}

export function useEnv(appId: string) {
  return useQuery({ queryKey: appKeys.env(appId), queryFn: () => get<EnvVar[]>(`/api/apps/${enc(appId)}/env`) });
}

export function useCertificates(appId: string, domains: string[]) {
  return useQuery({
    queryKey: appKeys.certificates(appId, domains),
    queryFn: () => get<Certificates>(`/api/apps/${enc(appId)}/certificates`),
    enabled: domains.length > 0,
  });
}

/** What `auto` would build from a branch (the server fetches it once). */
export const detectBuild = (git_url: string, branch: string) => post<DetectResult>('/api/apps/detect', { git_url, branch });

export interface NewAppInput { body: Record<string, unknown>; deployNow: boolean }

export function useCreateApp(onCreated: (app: App) => void) {
  return useApiMutation({
    run: async ({ body, deployNow }: NewAppInput) => {
      const app = await post<App>('/api/apps', body);
      if (deployNow) await post(`/api/apps/${enc(app.id)}/deploy`);
      return app;
    },
    success: (app, v) => `Created ${app.name}${v.deployNow ? '; its first deployment started' : ''}`,
    failure: 'Could not create the app',
    invalidates: () => [appKeys.fleet],
    onDone: onCreated,
  });
}

/** Saves settings; the answer replaces the cached app under both its id and its name. */
export function useUpdateApp(app: App) {
  const qc = useQueryClient();
  return useApiMutation({
    run: (body: Record<string, unknown>) => put<App>(`/api/apps/${enc(app.id)}`, body),
    success: () => 'Saved. Changes apply from the next deployment.',
    failure: 'Settings not saved',
    onDone: (saved) => {
      qc.setQueryData(appKeys.detail(saved.id), saved);
      qc.setQueryData(appKeys.detail(saved.name), saved);
    },
    invalidates: () => [appKeys.fleet],
  });
}

export function useDeleteApps(onDeleted?: () => void) {
  const qc = useQueryClient();
  return useApiMutation({
    run: async (apps: App[]) => { for (const a of apps) await del(`/api/apps/${enc(a.id)}`); },
    success: (_r, apps) => `Deleted ${apps.map((a) => a.name).join(', ')}`,
    failure: 'Delete failed',
    onDone: (_r, apps) => {
      for (const a of apps) { qc.removeQueries({ queryKey: appKeys.detail(a.id) }); qc.removeQueries({ queryKey: appKeys.detail(a.name) }); }
      onDeleted?.();
    },
    invalidates: () => [appKeys.fleet],
  });
}

export function useDeploy(onStarted?: (deploymentId: string) => void) {
  return useApiMutation({
    run: async (apps: App[]) => {
      const ids: string[] = [];
      for (const a of apps) ids.push((await post<{ deployment_id: string }>(`/api/apps/${enc(a.id)}/deploy`)).deployment_id);
      return ids;
    },
    success: (ids) => (ids.length === 1 ? `Deployment ${ids[0]} started` : `${ids.length} deployments started`),
    failure: 'Deploy failed',
    onDone: (ids) => { if (ids.length === 1) onStarted?.(ids[0]); },
  });
}

export type AppAction = 'start' | 'stop' | 'restart';
const DONE: Record<AppAction, string> = { start: 'Started', stop: 'Stopped', restart: 'Restarted' };

/** Start, stop or restart: an engine job; the answer's status is what the user is told, until the
 * app's next action starts (one toast topic per app). */
export function useAppAction(app: App, action: AppAction) {
  return useApiMutation({
    topic: `app-action:${app.id}`,
    run: () => post<{ status?: string }>(`/api/apps/${enc(app.id)}/${action}`),
    success: (r) => `${DONE[action]}: ${r?.status ?? 'ok'}`,
    failure: `${action[0].toUpperCase()}${action.slice(1)} failed`,
    invalidates: () => [appKeys.details, appKeys.fleet],
  });
}

type EnvInput = Pick<EnvVar, 'key' | 'value' | 'secret' | 'build_time'>[];
const envBody = (vars: EnvInput) => ({
  vars: vars.filter((v) => v.key).map(({ key, value, secret, build_time }) => ({ key, value, secret, build_time })),
});

/** Saves the variables; they apply from the next deployment (the app then says env_pending). */
export function useSaveEnv(appId: string, onSaved?: () => void) {
  const qc = useQueryClient();
  return useApiMutation({
    run: (vars: EnvInput) => put<EnvVar[]>(`/api/apps/${enc(appId)}/env`, envBody(vars)),
    success: () => 'Saved. The next deployment uses these values (a restart does not).',
    failure: 'Variables not saved',
    onDone: (saved) => { qc.setQueryData(appKeys.env(appId), saved); onSaved?.(); },
    invalidates: () => [appKeys.details],
  });
}

/** Saves and releases in one call: nothing is stored when the redeploy cannot start (409). */
export function useSaveEnvAndRedeploy(appId: string, onStarted?: (deploymentId: string) => void) {
  const qc = useQueryClient();
  return useApiMutation({
    run: (vars: EnvInput) => put<EnvRedeployAccepted>(`/api/apps/${enc(appId)}/env?redeploy=true`, envBody(vars)),
    success: (r) => `Saved. Redeploying with these values: deployment ${r.deployment_id} started`,
    failure: 'Variables not saved',
    onDone: (r) => { qc.setQueryData(appKeys.env(appId), r.vars); onStarted?.(r.deployment_id); },
    invalidates: () => [appKeys.details, appKeys.fleet],
  });
}
