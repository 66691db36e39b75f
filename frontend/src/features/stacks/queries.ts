// Compose stacks: the list, one stack with its files and variables, its revisions, validation, and the
// developer's create, save, deploy (and pull & redeploy), start, stop, restart, down and delete, each
// refreshing the stacks, the containers, volumes and networks they made, and the audit log.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, post, put } from '../../shared/api/client';
import { useApiMutation } from '../../shared/data/useApiMutation';
import { containerKeys } from '../containers/keys';
import { networkKeys } from '../networks/queries';
import { settingsKeys } from '../settings/queries';
import { volumeKeys } from '../volumes/queries';
import type {
  StackContainers, StackDeployResult, StackDetail, StackDown, StackInput, StackList, StackRevisions, StackValidation,
} from '../../shared/api/types';

export const stackKeys = {
  all: ['stacks'] as const,
  list: ['stacks', 'list'] as const,
  detail: (name: string) => ['stacks', 'detail', name] as const,
  revisions: (name: string) => ['stacks', 'revisions', name] as const,
};
const enc = encodeURIComponent;
const path = (name: string, rest = '') => `/api/stacks/${enc(name)}${rest}`;
const touched = () => [stackKeys.all, containerKeys.all, volumeKeys.all, networkKeys.all, settingsKeys.audit];

/** A stack's page (and its tab: services, compose, env or revisions). */
export const stackHref = (name: string, tab?: string) => `/stacks/${enc(name)}${tab ? `?tab=${tab}` : ''}`;

export const useStacks = () =>
  useQuery({ queryKey: stackKeys.list, queryFn: () => get<StackList>('/api/stacks'), refetchInterval: 15_000 });

export const useStack = (name: string) =>
  useQuery({ queryKey: stackKeys.detail(name), queryFn: () => get<StackDetail>(path(name)), refetchInterval: 15_000 });

export const useStackRevisions = (name: string) =>
  useQuery({ queryKey: stackKeys.revisions(name), queryFn: () => get<StackRevisions>(path(name, '/revisions')) });

/** Checks a compose file (with its variables) without writing anything: the issues, empty when valid. */
export const validateStack = (body: StackInput) => post<StackValidation>('/api/stacks/validate', body);

export function useCreateStack(onCreated: (s: StackDetail) => void) {
  return useApiMutation({
    run: (body: StackInput & { name: string; compose: string }) => post<StackDetail>('/api/stacks', body),
    success: (s) => `Stack ${s.name} created`,
    failure: 'Stack not created',
    onDone: onCreated,
    invalidates: () => [stackKeys.all, settingsKeys.audit],
  });
}

/** PUT: the compose file, .env or variables (each optional); the answer is the stack as now stored. */
export function useSaveStack(name: string, onSaved?: (s: StackDetail) => void) {
  const qc = useQueryClient();
  return useApiMutation({
    run: (body: StackInput) => put<StackDetail>(path(name), body),
    success: () => `Stack ${name} saved`,
    failure: 'Not saved',
    topic: `stack:${name}`,
    onDone: (s) => { qc.setQueryData(stackKeys.detail(name), s); onSaved?.(s); },
    invalidates: () => [stackKeys.list, settingsKeys.audit],
  });
}

/** "web recreated, db unchanged". */
export function outcomes(r: StackDeployResult): string {
  return r.services.map((s) => `${s.service} ${s.outcome}`).join(', ') || 'no services';
}

export type ServiceVars = { service?: string };
const serviceBody = ({ service }: ServiceVars) => (service ? { service } : {});

/** Deploy (or, with `pull`, pull & redeploy) the stack or one service; a failure is 422 naming the service. */
export function useDeployStack(name: string, pull = false, onDeployed?: (r: StackDeployResult) => void) {
  return useApiMutation({
    run: (v: ServiceVars) => post<StackDeployResult>(path(name, pull ? '/pull' : '/deploy'), serviceBody(v)),
    success: (r) => `Revision ${r.revision} of ${name} deployed: ${outcomes(r)}`,
    failure: pull ? 'Pull & redeploy failed' : 'Deploy failed',
    topic: `stack:${name}`,
    onDone: onDeployed,
    invalidates: touched,
  });
}

export type StackVerb = 'start' | 'stop' | 'restart';
const DONE: Record<StackVerb, string> = { start: 'Started', stop: 'Stopped', restart: 'Restarted' };

export function useStackAction(name: string, verb: StackVerb) {
  return useApiMutation({
    run: (v: ServiceVars) => post<StackContainers>(path(name, `/${verb}`), serviceBody(v)),
    success: (r, v) => `${DONE[verb]} ${v.service ?? name}: ${r.containers.join(', ') || 'no containers'}`,
    failure: `${verb[0].toUpperCase()}${verb.slice(1)} failed`,
    topic: `stack:${name}`,
    invalidates: touched,
  });
}

/** What a down or delete removed and kept, in a sentence. */
export function downSummary(r: StackDown): string {
  const list = (xs: string[]) => xs.join(', ') || 'none';
  return `Removed ${r.removed_containers.length} container${r.removed_containers.length === 1 ? '' : 's'} and ` +
    `${r.removed_networks.length} network${r.removed_networks.length === 1 ? '' : 's'}. ` +
    `Volumes removed: ${list(r.removed_volumes)}. Volumes kept: ${list(r.kept_volumes)}.`;
}

export function useStackDown(name: string, onDown: (r: StackDown) => void) {
  return useApiMutation({
    run: ({ volumes }: { volumes: boolean }) => post<StackDown>(path(name, '/down'), { volumes }),
    success: () => `${name} taken down`,
    failure: 'Down failed',
    topic: `stack:${name}`,
    onDone: onDown,
    invalidates: touched,
  });
}

export function useDeleteStack(name: string, onDeleted: (r: StackDown) => void) {
  return useApiMutation({
    run: ({ volumes }: { volumes: boolean }) => del<StackDown>(`${path(name)}${volumes ? '?volumes=1' : ''}`),
    success: (r) => `Stack ${name} deleted. ${downSummary(r)}`,
    failure: 'Stack not deleted',
    topic: `stack:${name}`,
    onDone: onDeleted,
    invalidates: touched,
  });
}
