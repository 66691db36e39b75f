// The deployment query keys, in one place: readers (queries.ts) and the live feed (live.ts) share them.
export const deploymentKeys = {
  all: ['deployments'] as const,
  recentAll: ['deployments', 'recent'] as const,
  recent: (limit: number) => ['deployments', 'recent', limit] as const,
  ofApp: (appId: string) => ['deployments', 'app', appId] as const,
  one: (id: string) => ['deployments', 'one', id] as const,
};
