// The webhook query keys, in one place: readers (queries.ts) and the live feed (live.ts) share them.
export const webhookKeys = {
  all: ['webhooks'] as const,
  /** One app's delivery history, newest first. */
  deliveries: (appId: string) => ['webhooks', 'deliveries', appId] as const,
};
