// Images: the list of a host or of every host, its disk usage, an image's layers, and the
// developer's remove and prune (dry run first, then exactly the plan), each refreshing the list,
// the disk usage and the audit log.
import { useQuery } from '@tanstack/react-query';
import { del, get, post } from '../../shared/api/client';
import { useApiMutation } from '../../shared/data/useApiMutation';
import { onHost } from '../hosts/perHost';
import { settingsKeys } from '../settings/queries';
import { imageName, labelFilter } from './imageFilter';
import type { DiskUsage, Image, ImageHistory, ImageList, ImagePrune, ImageRemoval, PruneMode } from '../../shared/api/types';

export const imageKeys = {
  all: ['images'] as const,
  list: (host: string) => ['images', 'list', host] as const,
  disk: (host: string) => ['images', 'disk', host] as const,
  history: (host: string, id: string) => ['images', 'history', host, id] as const,
};
const enc = encodeURIComponent;

export const useImages = (host: string) =>
  useQuery({ queryKey: imageKeys.list(host), queryFn: () => get<ImageList>(`/api/images?${onHost(host)}`), refetchInterval: 30_000 });

export const useDiskUsage = (host: string) =>
  useQuery({ queryKey: imageKeys.disk(host), queryFn: () => get<DiskUsage>(`/api/docker/disk-usage?${onHost(host)}`) });

export const useImageHistory = (image: Image) =>
  useQuery({
    queryKey: imageKeys.history(image.host, image.id),
    queryFn: () => get<ImageHistory>(`/api/images/${enc(image.id)}/history?${onHost(image.host)}`),
  });

export interface Removal { image: Image; force: boolean }

export function useRemoveImage(onRemoved?: () => void) {
  return useApiMutation({
    run: ({ image, force }: Removal) =>
      del<ImageRemoval>(`/api/images/${enc(image.id)}?${onHost(image.host)}${force ? '&force=true' : ''}`),
    success: (_r, { image }) => `Image ${imageName(image)} removed`,
    failure: 'Image not removed',
    onDone: () => onRemoved?.(),
    invalidates: () => [imageKeys.all, settingsKeys.audit],
  });
}

export interface PruneAsk { host: string; mode: PruneMode; label: string }


/** The dry run: what would go now. Changes nothing, so it is not audited and needs no refresh. */
export function usePrunePlan(onPlan: (plan: ImagePrune, ask: PruneAsk) => void) {
  return useApiMutation({
    run: ({ host, mode, label }: PruneAsk) =>
      post<ImagePrune>(`/api/images/prune?${onHost(host)}`, { mode, labels: labelFilter(label), dry_run: true }),
    failure: 'Could not plan the prune',
    onDone: onPlan,
  });
}

/** Removes exactly the images of `plan` (by id): one that qualifies only since the preview stays. */
export function usePrune(onPruned: (report: ImagePrune) => void) {
  return useApiMutation({
    run: ({ ask, plan }: { ask: PruneAsk; plan: ImagePrune }) =>
      post<ImagePrune>(`/api/images/prune?${onHost(ask.host)}`, {
        mode: ask.mode, labels: labelFilter(ask.label), dry_run: false, image_ids: plan.images.map((i) => i.id),
      }),
    success: (r) => `${r.outcomes.filter((o) => o.removed).length} images pruned`,
    failure: 'Prune failed',
    onDone: onPruned,
    invalidates: () => [imageKeys.all, settingsKeys.audit],
  });
}
