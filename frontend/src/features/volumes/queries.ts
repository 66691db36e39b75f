// Volumes: the list of a host or of every host, one volume's detail, and the developer's create, remove and
// prune (dry run first, then exactly the names shown), each refreshing the list and the audit log.
import { useQuery } from '@tanstack/react-query';
import { del, get, post } from '../../shared/api/client';
import { useApiMutation } from '../../shared/data/useApiMutation';
import { hostQuery, onHost, perHostKeys } from '../hosts/perHost';
import { settingsKeys } from '../settings/queries';
import type { Volume, VolumeCreated, VolumeCreateInput, VolumeDetail, VolumeList, VolumePrune, VolumeRemoval } from '../../shared/api/types';

export const volumeKeys = perHostKeys('volumes');
const enc = encodeURIComponent;

/** Where a volume's page is: its name, and its host when not the local one. */
export const volumePath = (v: { name: string; host: string }) =>
  `/volumes/${enc(v.name)}${hostQuery(v.host)}`;

export const useVolumes = (host: string) =>
  useQuery({ queryKey: volumeKeys.list(host), queryFn: () => get<VolumeList>(`/api/volumes?${onHost(host)}`), refetchInterval: 30_000 });

export const useVolume = (host: string, name: string) =>
  useQuery({ queryKey: volumeKeys.detail(host, name), queryFn: () => get<VolumeDetail>(`/api/volumes/${enc(name)}?${onHost(host)}`) });

export function useCreateVolume(host: string, onCreated?: (v: VolumeCreated) => void) {
  return useApiMutation({
    run: (input: VolumeCreateInput) => post<VolumeCreated>(`/api/volumes?${onHost(host)}`, input),
    success: (r) => `Volume ${r.volume.name} created`,
    failure: 'Volume not created',
    onDone: (r) => onCreated?.(r),
    invalidates: () => [volumeKeys.all, settingsKeys.audit],
  });
}

export function useRemoveVolume(onRemoved?: () => void) {
  return useApiMutation({
    run: (v: Pick<Volume, 'name' | 'host'>) => del<VolumeRemoval>(`/api/volumes/${enc(v.name)}?${onHost(v.host)}`),
    success: (r) => `Volume ${r.name} removed`,
    failure: 'Volume not removed',
    onDone: () => onRemoved?.(),
    invalidates: () => [volumeKeys.all, settingsKeys.audit],
  });
}

/** The dry run: what would go now. Changes nothing, so it is not audited and needs no refresh. */
export function useVolumePrunePlan(onPlan: (plan: VolumePrune) => void) {
  return useApiMutation({
    run: (host: string) => post<VolumePrune>(`/api/volumes/prune?${onHost(host)}`, {}),
    failure: 'Could not plan the prune',
    onDone: onPlan,
  });
}

/** Removes exactly the volumes of `plan` (by name): one a container mounted since the preview stays. */
export function useVolumePrune(onPruned: (report: VolumePrune) => void) {
  return useApiMutation({
    run: ({ host, plan }: { host: string; plan: VolumePrune }) =>
      post<VolumePrune>(`/api/volumes/prune?${onHost(host)}`, { confirm: plan.volumes.map((v) => v.name) }),
    success: (r) => `${r.outcomes.filter((o) => o.removed).length} volumes pruned`,
    failure: 'Prune failed',
    onDone: onPruned,
    invalidates: () => [volumeKeys.all, settingsKeys.audit],
  });
}
