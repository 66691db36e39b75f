// The containers feature's reads (the list of every host, one container's detail, stats, processes)
// and its actions, each refreshing what it changed and the audit log.
import { useQuery } from '@tanstack/react-query';
import { del, get, post, put } from '../../shared/api/client';
import type {
  ContainerBulk, ContainerBulkResult, ContainerCreate, ContainerDetail, ContainerOutcome,
  ContainerProcesses, ContainerRow, ContainerStats,
} from '../../shared/api/types';
import { useApiMutation } from '../../shared/data/useApiMutation';
import { settingsKeys } from '../settings/queries';
import { hostQuery } from '../hosts/perHost';
import { containerKeys } from './keys';
import { containersListQuery } from './listQuery';

const enc = encodeURIComponent;
const path = (id: string, rest = '') => `/api/containers/${enc(id)}${rest}`;
const withHost = (url: string, host: string) => url + hostQuery(host, !url.includes('?'));
const touched = () => [containerKeys.all, settingsKeys.audit];

/** Every container of every host (stopped ones too); the engine's events keep it current (live.ts). */
export const useContainers = () => useQuery(containersListQuery);

export const useContainer = (id: string, host: string) =>
  useQuery({ queryKey: containerKeys.detail(host, id), queryFn: () => get<ContainerDetail>(withHost(path(id), host)) });

export const useContainerStats = (id: string, host: string, on: boolean) =>
  useQuery({ queryKey: containerKeys.stats(host, id), queryFn: () => get<ContainerStats>(withHost(path(id, '/stats'), host)),
    enabled: on, refetchInterval: 3000 });

export const useContainerTop = (id: string, host: string, on: boolean) =>
  useQuery({ queryKey: containerKeys.top(host, id), queryFn: () => get<ContainerProcesses>(withHost(path(id, '/top'), host)),
    enabled: on, refetchInterval: 5000 });

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill';

const DONE: Record<ContainerAction, string> = { start: 'started', stop: 'stopped', restart: 'restarted', pause: 'paused', unpause: 'unpaused', kill: 'killed' };

export interface ActionVars { action: ContainerAction; grace?: number }

export function useContainerAction(id: string, host: string, name: string) {
  return useApiMutation({
    run: ({ action, grace }: ActionVars) =>
      post(withHost(path(id, `/${action}`) + (grace !== undefined && (action === 'stop' || action === 'restart') ? `?grace=${grace}` : ''), host)),
    success: (_r, v) => `${name} ${DONE[v.action]}`,
    failure: 'Action failed',
    invalidates: touched,
  });
}

export interface RemoveVars { volumes: boolean; force: boolean }

export function useRemoveContainer(id: string, host: string, name: string, onDone: () => void) {
  return useApiMutation({
    run: ({ volumes, force }: RemoveVars) => del(withHost(`${path(id)}?volumes=${volumes}&force=${force}`, host)),
    success: () => `Container ${name} removed`,
    failure: 'Remove failed',
    onDone,
    invalidates: touched,
  });
}

export function useRenameContainer(id: string, host: string, onDone: (name: string) => void) {
  return useApiMutation({
    run: (name: string) => post<{ name: string }>(withHost(path(id, '/rename'), host), { name }),
    success: (r) => `Renamed to ${r.name}`,
    failure: 'Rename failed',
    onDone: (r) => onDone(r.name),
    invalidates: touched,
  });
}

export function useCloneContainer(id: string, host: string, onDone: (o: ContainerOutcome) => void) {
  return useApiMutation({
    run: (name: string) => post<ContainerOutcome>(withHost(path(id, '/clone'), host), { name }),
    success: (o) => `Cloned as ${o.name}`,
    failure: 'Clone failed',
    onDone,
    invalidates: touched,
  });
}

/** Create (POST) or edit (PUT, recreating the container with the body's fields changed). */
export function useSaveContainer(target: { edit?: string; host: string }, onDone: (o: ContainerOutcome) => void) {
  return useApiMutation({
    run: (body: ContainerCreate) => (target.edit
      ? put<ContainerOutcome>(withHost(path(target.edit), target.host), body)
      : post<ContainerOutcome>(withHost('/api/containers', target.host), body)),
    success: (o) => (target.edit ? `Container ${o.name} recreated` : `Container ${o.name} created`),
    failure: target.edit ? 'Edit failed' : 'Create failed',
    onDone,
    invalidates: touched,
  });
}

export interface BulkVars { action: ContainerBulk['action']; rows: ContainerRow[] }

/** One bulk request per host of the selection; the answer is every container's result. */
export function useBulkAction(onDone: (failed: ContainerBulkResult['results']) => void) {
  return useApiMutation({
    run: async ({ action, rows }: BulkVars) => {
      const byHost = new Map<string, string[]>();
      for (const r of rows) byHost.set(r.host, [...(byHost.get(r.host) ?? []), r.id]);
      const answers = await Promise.all([...byHost].map(([host, ids]) =>
        post<ContainerBulkResult>(withHost('/api/containers/bulk', host), { action, ids, force: action === 'remove' })));
      return answers.flatMap((a) => a.results);
    },
    success: (results, v) => {
      const ok = results.filter((r) => r.status < 300).length;
      return `${v.action}: ${ok} of ${results.length} done`;
    },
    failure: 'Bulk action failed',
    onDone: (results) => onDone(results.filter((r) => r.status >= 300)),
    invalidates: touched,
  });
}
