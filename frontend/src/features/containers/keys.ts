// The containers feature's query keys: the list of every host, and one container's detail, stats and processes.
import { hostQuery } from '../hosts/perHost';

export const containerKeys = {
  all: ['containers'] as const,
  list: ['containers', 'list'] as const,
  detail: (host: string, id: string) => ['containers', 'detail', host, id] as const,
  stats: (host: string, id: string) => ['containers', 'stats', host, id] as const,
  top: (host: string, id: string) => ['containers', 'top', host, id] as const,
};

export const containerHref = (c: { id: string; host: string }) => `/containers/${encodeURIComponent(c.id)}${hostQuery(c.host)}`;
