// The app query keys, in one place: readers (queries.ts) and the live feed (live.ts) share them.
export const appKeys = {
  all: ['apps'] as const,
  /** Every app with its newest deployment (two requests whatever the number of apps). */
  fleet: ['apps', 'fleet'] as const,
  details: ['apps', 'detail'] as const,
  /** One app, by the id or name in the URL. */
  detail: (idOrName: string) => ['apps', 'detail', idOrName] as const,
  env: (appId: string) => ['apps', 'env', appId] as const,
  certificates: (appId: string, domains: string[]) => ['apps', 'certificates', appId, domains.join(',')] as const,
};
