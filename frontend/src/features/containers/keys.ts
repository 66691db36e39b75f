// The containers feature's query keys: the list of every host, and one container's detail, stats and processes.
export const containerKeys = {
  all: ['containers'] as const,
  list: ['containers', 'list'] as const,
  detail: (host: string, id: string) => ['containers', 'detail', host, id] as const,
  stats: (host: string, id: string) => ['containers', 'stats', host, id] as const,
  top: (host: string, id: string) => ['containers', 'top', host, id] as const,
};

/** `?host=` for a container's URL; the local engine needs none. */
export function hostQuery(host: string | undefined, first = true): string {
  return host && host !== 'local' ? `${first ? '?' : '&'}host=${encodeURIComponent(host)}` : '';
}

export const containerHref = (c: { id: string; host: string }) => `/containers/${encodeURIComponent(c.id)}${hostQuery(c.host)}`;
