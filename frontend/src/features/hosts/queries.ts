// Hosts: the list (refreshed every 15 s: a host's state changes without anyone acting), and the
// admin's add, edit, test and remove, each refreshing the list and the audit log.
import { useQuery } from '@tanstack/react-query';
import { del, get, post, put } from '../../shared/api/client';
import type { Host, HostInput, HostTestResult, HostUpdate } from '../../shared/api/types';
import { useApiMutation } from '../../shared/data/useApiMutation';
import { settingsKeys } from '../settings/queries';

export const hostKeys = { all: ['hosts'] as const };
const enc = encodeURIComponent;
// Every change here refreshes the list and the audit log.
const touched = () => [hostKeys.all, settingsKeys.audit];

export const useHosts = () =>
  useQuery({ queryKey: hostKeys.all, queryFn: () => get<Host[]>('/api/hosts'), refetchInterval: 15_000 });

export function useAddHost(onAdded: (h: Host) => void) {
  return useApiMutation({
    run: (body: HostInput) => post<Host>('/api/hosts', body),
    success: (h) => `Host ${h.name} added`,
    failure: 'Host not added',
    onDone: onAdded,
    invalidates: touched,
  });
}

export function useUpdateHost(onSaved: (h: Host) => void) {
  return useApiMutation({
    run: ({ id, body }: { id: string; body: HostUpdate }) => put<Host>(`/api/hosts/${enc(id)}`, body),
    success: (h) => `Host ${h.name} saved`,
    failure: 'Host not saved',
    onDone: onSaved,
    invalidates: touched,
  });
}

export function useTestHost(onTested: (h: Host, r: HostTestResult) => void) {
  return useApiMutation({
    run: (h: Host) => post<HostTestResult>(`/api/hosts/${enc(h.id)}/test`),
    // A host that did not answer is a result, not a failed request: said on the page, not in a green toast.
    success: (r, h) => (r.ok ? `${h.name}: engine ${r.engine_version}` : undefined),
    failure: 'Test failed',
    onDone: (r, h) => onTested(h, r),
    invalidates: touched,
  });
}

export function useRemoveHost() {
  return useApiMutation({
    run: (h: Host) => del(`/api/hosts/${enc(h.id)}`),
    success: (_r, h) => `Host ${h.name} removed`,
    failure: 'Remove failed',
    invalidates: touched,
  });
}
