// What every resource listed per host (networks, volumes; images for ?host=) names the same way: its
// query keys (everything, one host's list, one item on one host) and the ?host= its routes take.

/** `?host=<id>` (or `&host=` when `first` is false) for a page or API URL; the local engine needs none. */
export function hostQuery(host: string | undefined, first = true): string {
  return host && host !== 'local' ? `${first ? '?' : '&'}host=${encodeURIComponent(host)}` : '';
}

/** `host=<id>` for an API route of a Docker-manager resource (the caller adds `?` or `&`). */
export const onHost = (host: string) => `host=${encodeURIComponent(host)}`;

/** The query keys of a resource listed per host: `all` makes every list and item of it stale. */
export const perHostKeys = <N extends string>(name: N) => ({
  all: [name] as const,
  list: (host: string) => [name, 'list', host] as const,
  detail: (host: string, id: string) => [name, 'detail', host, id] as const,
});
