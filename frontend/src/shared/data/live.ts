// Live events → query cache. A feature registers, beside its query keys, what each server event
// does to them (patch or invalidate: features/*/live.ts); a page that shows live data calls
// useLiveUpdates() so the feed is open while it is on screen. No list polls.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { holdEvents } from '../api/events';

type Handler = (qc: QueryClient, data: unknown) => void;
const handlers = new Map<string, Set<Handler>>();

/** Registers what an SSE event (by its `event:` name) does to the cache; data is the parsed JSON. */
export function onLiveEvent(event: string, handler: Handler): void {
  if (!handlers.has(event)) handlers.set(event, new Set());
  handlers.get(event)!.add(handler);
}

/** Applies one event to the cache (exported for tests). */
export function applyLiveEvent(qc: QueryClient, event: string, data: string): void {
  const hs = handlers.get(event);
  if (!hs) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return; // a malformed event is ignored; the next one carries the full state again
  }
  hs.forEach((h) => h(qc, parsed));
}

/** Keeps the event feed open while the calling page is mounted. */
export function useLiveUpdates(): void {
  const qc = useQueryClient();
  useEffect(() => holdEvents({
    onEvent: (ev) => applyLiveEvent(qc, ev.event, ev.data),
    // Missed events: what was fetched before may be behind; refetch it if on screen, else mark it stale.
    onResync: (before) => void qc.invalidateQueries({ predicate: (q) => q.state.dataUpdatedAt < before }, { cancelRefetch: false }),
  }), [qc]);
}
