// The engine's events (GET /api/docker/events, SSE `docker` events) applied to the containers list:
// a state change patches the row in place (no refetch of 1,000 rows for one `die`); a container
// that appeared, went or was renamed refetches the list, a little later, once for a burst.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { authHeaders } from '../../shared/api/client';
import { followStream } from '../../shared/api/sse';
import type { ContainerList } from '../../shared/api/types';
import { recordEvent } from './events';
import { containerKeys } from './keys';
import { hostQuery } from '../hosts/perHost';

export interface DockerEvent {
  type: string;
  action: string;
  id: string;
  attributes?: Record<string, string>;
  time_nano?: number;
}

/** The state a container is in after an event, when the event alone says it; undefined otherwise. */
export function stateAfter(action: string): string | undefined {
  const base = action.split(':')[0];
  return ({ start: 'running', restart: 'running', unpause: 'running', die: 'exited', stop: 'exited', kill: undefined,
    pause: 'paused', oom: undefined, create: 'created' } as Record<string, string | undefined>)[base];
}

/** Events that change which containers exist or what they are called: the list is fetched again. */
const REFETCH = new Set(['create', 'destroy', 'rename']);

/** Applies one event to the cached list; answers whether the list must be fetched again. */
export function applyDockerEvent(list: ContainerList | undefined, ev: DockerEvent, host: string): { list: ContainerList | undefined; refetch: boolean } {
  if (ev.type !== 'container' || !list) return { list, refetch: false };
  const action = ev.action.split(':')[0];
  if (REFETCH.has(action)) return { list, refetch: true };
  const i = list.containers.findIndex((c) => c.id === ev.id && c.host === host);
  if (i < 0) return { list, refetch: action === 'start' };
  const row = list.containers[i];
  const state = stateAfter(ev.action) ?? row.state;
  // health_status: healthy → the status text says so until the next list.
  const health = action === 'health_status' ? ev.action.split(':')[1]?.trim() : undefined;
  const status = health ? `${row.status.replace(/\s*\((healthy|unhealthy|health: starting)\)$/, '')} (${health})`
    : state !== row.state ? state : row.status;
  if (state === row.state && status === row.status) return { list, refetch: false };
  const containers = list.containers.slice();
  containers[i] = { ...row, state, status };
  return { list: { ...list, containers }, refetch: false };
}

const REFETCH_DELAY_MS = 500;
/** Each followed host holds an HTTP connection, of the browser's six per origin: a few at most. */
export const MAX_FOLLOWED_HOSTS = 3;

/** Follows one host's engine events while the calling page is mounted. */
export function useDockerEvents(host: string): void {
  const qc = useQueryClient();
  useEffect(() => {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refetchSoon = () => { clearTimeout(timer); timer = setTimeout(() => void qc.invalidateQueries({ queryKey: containerKeys.all }), REFETCH_DELAY_MS); };
    void followStream(`/api/docker/events${hostQuery(host)}`, {
      headers: () => authHeaders(),
      signal: ctl.signal,
      onEvent: (e) => handle(qc, e.event, e.data, host, refetchSoon),
    });
    return () => { clearTimeout(timer); ctl.abort(); };
  }, [qc, host]);
}

function handle(qc: QueryClient, event: string, data: string, host: string, refetchSoon: () => void) {
  if (event !== 'docker') return;
  let ev: DockerEvent;
  try { ev = JSON.parse(data) as DockerEvent; } catch { return; }
  recordEvent(qc, ev, host);
  const out = applyDockerEvent(qc.getQueryData<ContainerList>(containerKeys.list), ev, host);
  if (out.refetch) refetchSoon();
  else if (out.list !== qc.getQueryData(containerKeys.list)) qc.setQueryData(containerKeys.list, out.list);
  // A container's page on screen (keyed by the id or name in its URL): its detail is fetched again.
  if (ev.type === 'container') void qc.invalidateQueries({ queryKey: ['containers', 'detail'] });
}
