// Networks: the list of a host or of every host, one network with its containers, and the developer's
// create, remove, connect, disconnect and prune (dry run first, then exactly the networks shown), each
// refreshing the networks, the containers (their networks changed) and the audit log.
import { useQuery } from '@tanstack/react-query';
import { del, get, post } from '../../shared/api/client';
import { useApiMutation } from '../../shared/data/useApiMutation';
import { containerKeys } from '../containers/keys';
import { onHost, perHostKeys } from '../hosts/perHost';
import { settingsKeys } from '../settings/queries';
import type { Network, NetworkConnect, NetworkConnectResult, NetworkCreate, NetworkList, NetworkPrune, NetworkRemoval } from '../../shared/api/types';

export const networkKeys = perHostKeys('networks');
const enc = encodeURIComponent;
const path = (id: string, rest = '') => `/api/networks/${enc(id)}${rest}`;
const touched = () => [networkKeys.all, containerKeys.all, settingsKeys.audit];

export const useNetworks = (host: string) =>
  useQuery({ queryKey: networkKeys.list(host), queryFn: () => get<NetworkList>(`/api/networks?${onHost(host)}`), refetchInterval: 30_000 });

export const useNetwork = (host: string, id: string) =>
  useQuery({ queryKey: networkKeys.detail(host, id), queryFn: () => get<Network>(`${path(id)}?${onHost(host)}`) });

export function useCreateNetwork(host: string, onCreated: (n: Network) => void) {
  return useApiMutation({
    run: (body: NetworkCreate) => post<Network>(`/api/networks?${onHost(host)}`, body),
    success: (n) => `Network ${n.name} created`,
    failure: 'Network not created',
    onDone: onCreated,
    invalidates: touched,
  });
}

export function useRemoveNetwork(network: Network, onRemoved: () => void) {
  return useApiMutation({
    run: () => del<NetworkRemoval>(`${path(network.id)}?${onHost(network.host)}`),
    success: () => `Network ${network.name} removed`,
    failure: 'Network not removed',
    onDone: onRemoved,
    invalidates: touched,
  });
}

export function useConnect(network: Network, onDone?: (r: NetworkConnectResult) => void) {
  return useApiMutation({
    run: (body: NetworkConnect) => post<NetworkConnectResult>(`${path(network.id, '/connect')}?${onHost(network.host)}`, body),
    success: (r, body) => r.warning ?? `${body.container} connected to ${network.name}`,
    failure: 'Not connected',
    onDone,
    invalidates: touched,
  });
}

export function useDisconnect(network: Network) {
  return useApiMutation({
    run: ({ container, force }: { container: string; force?: boolean }) =>
      post<Network>(`${path(network.id, '/disconnect')}?${onHost(network.host)}`, { container, force: force ?? false }),
    success: (_n, { container }) => `${container} disconnected from ${network.name}`,
    failure: 'Not disconnected',
    invalidates: touched,
  });
}

/** The dry run: which networks would go now. Changes nothing, so it is not audited. */
export function usePrunePlan(onPlan: (plan: NetworkPrune) => void) {
  return useApiMutation({
    run: (host: string) => post<NetworkPrune>(`/api/networks/prune?${onHost(host)}`, { dry_run: true }),
    failure: 'Could not plan the prune',
    onDone: onPlan,
  });
}

/** Removes exactly the networks of `plan` (by id): one a container joined since the preview stays. */
export function usePrune(onPruned: (report: NetworkPrune) => void) {
  return useApiMutation({
    run: ({ host, plan }: { host: string; plan: NetworkPrune }) =>
      post<NetworkPrune>(`/api/networks/prune?${onHost(host)}`, { dry_run: false, networks: plan.networks.map((n) => n.id) }),
    success: (r) => `${r.outcomes.filter((o) => o.removed).length} networks pruned`,
    failure: 'Prune failed',
    onDone: onPruned,
    invalidates: touched,
  });
}
