// A volume's content: a path's listing or preview, a file or backup download, and a restore upload.
import { useQuery } from '@tanstack/react-query';
import { authHeaders, credentials, errorFrom, get } from '../../shared/api/client';
import { useApiMutation } from '../../shared/data/useApiMutation';
import { settingsKeys } from '../settings/queries';
import type { VolumeBrowse, VolumeRestoreResult } from './types';

const enc = encodeURIComponent;
export const volumeFileKeys = {
  all: ['volume-files'] as const,
  path: (host: string, volume: string, path: string) => ['volume-files', host, volume, path] as const,
};

export const contentUrl = (volume: string, what: 'browse' | 'download' | 'backup', host: string, path = '') =>
  `/api/volumes/${enc(volume)}/${what}?host=${enc(host)}${path ? `&path=${enc(path)}` : ''}`;

export const useVolumePath = (host: string, volume: string, path: string) =>
  useQuery({
    queryKey: volumeFileKeys.path(host, volume, path),
    queryFn: () => get<VolumeBrowse>(contentUrl(volume, 'browse', host, path)),
  });

/**
 * Saves what `url` answers as `filename`. With a session cookie the browser fetches it itself (streamed
 * to disk, any size); with an API token (not sent by a plain link) it is fetched and handed over whole.
 */
export async function download(url: string, filename: string): Promise<void> {
  const a = document.createElement('a');
  a.download = filename;
  if (credentials.token) {
    const res = await fetch(url, { headers: authHeaders('GET') });
    if (!res.ok) throw await errorFrom(res);
    a.href = URL.createObjectURL(await res.blob());
  } else {
    a.href = url;
  }
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export interface RestoreAsk { host: string; volume: string; file: File; force: boolean; create: boolean }

/** The archive goes as the request body (the server streams it to disk, checks it whole, then extracts). */
async function restore({ host, volume, file, force, create }: RestoreAsk): Promise<VolumeRestoreResult> {
  const q = `host=${enc(host)}${force ? '&force=1' : ''}${create ? '&create=1' : ''}`;
  const res = await fetch(`/api/volumes/${enc(volume)}/restore?${q}`, {
    method: 'POST',
    headers: { ...authHeaders('POST'), 'Content-Type': 'application/gzip' },
    body: file,
  });
  if (!res.ok) throw await errorFrom(res);
  return res.json() as Promise<VolumeRestoreResult>;
}

export function useRestoreVolume(onDone?: (r: VolumeRestoreResult) => void) {
  return useApiMutation({
    run: restore,
    success: (r) => `Restored ${r.entries} entries into ${r.volume}`,
    failure: 'Volume not restored',
    onDone: (r) => onDone?.(r),
    invalidates: () => [volumeFileKeys.all, settingsKeys.audit],
  });
}
