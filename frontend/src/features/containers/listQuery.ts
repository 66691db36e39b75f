// The containers list's one query (key and fetch), shared by the page and the prefetch at boot (app/routes.tsx),
// kept tiny because the main bundle carries it.
import { get } from '../../shared/api/client';
import type { ContainerList } from '../../shared/api/types';
import { containerKeys } from './keys';

/** Every container of every host (stopped ones too). Fresh for a second: the page that mounts just after the boot's
 * prefetch answered shows that answer instead of asking again; after that the engine events keep it current (live.ts). */
export const containersListQuery = {
  queryKey: containerKeys.list,
  queryFn: () => get<ContainerList>('/api/containers?host=*&all=true'),
  staleTime: 1000,
};
