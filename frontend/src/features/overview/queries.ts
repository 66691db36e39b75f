// The overview's own data: the host figures (asked on demand, not live).
import { useQuery } from '@tanstack/react-query';
import { get } from '../../shared/api/client';
import type { SystemInfo } from '../../shared/api/types';

export const overviewKeys = { system: ['system'] as const };

export function useSystem() {
  return useQuery({ queryKey: overviewKeys.system, queryFn: () => get<SystemInfo>('/api/system') });
}
