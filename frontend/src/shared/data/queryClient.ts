// The one query cache of the dashboard. Lists are kept current by the live event feed
// (shared/data/live.ts), not by polling or refetch-on-focus; a page that mounts still asks once,
// showing the cached copy meanwhile.
import { notifyManager, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';

// Answers reach the page in the same task they arrive in (the default waits for a timer, a few ms
// on every load); React batches the updates anyway.
notifyManager.setScheduler(queueMicrotask);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        // A 4xx will answer the same again; a network error or 5xx gets one more try.
        retry: (count, e) => count < 1 && !(e instanceof ApiError && e.status >= 400 && e.status < 500),
      },
      mutations: { retry: false },
    },
  });
}
