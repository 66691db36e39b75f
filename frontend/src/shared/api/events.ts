// The dashboard's one connection to GET /api/events (the server's feed of deployment and app-action
// changes). It is open while a page holds it, and stays open a little after the last one lets go,
// so moving between pages does not reconnect. The feed does not replay: after a reconnection, or a
// new connection after a time without one, holders are told which cached data may have missed events.
// All SSE transport lives in sse.ts; this file only owns the shared connection.
import { authHeaders } from './client';
import { followStream, type SseEvent } from './sse';

export interface EventHolder {
  onEvent: (ev: SseEvent) => void;
  /** Data fetched before `before` (ms since the epoch) may have missed events. */
  onResync: (before: number) => void;
}

const LINGER_MS = 15_000;
const holders = new Set<EventHolder>();
let controller: AbortController | null = null;
let closeTimer: ReturnType<typeof setTimeout> | undefined;
let everConnected = false;

function connect() {
  controller = new AbortController();
  // Data cached while no connection was open is as old as this moment at best.
  const gapBefore = everConnected ? Date.now() : 0;
  let connectedBefore = false;
  void followStream('/api/events', {
    headers: () => authHeaders(),
    signal: controller.signal,
    onState: (s) => {
      if (s !== 'live') return;
      const before = connectedBefore ? Date.now() : gapBefore;
      if (before) holders.forEach((h) => h.onResync(before));
      connectedBefore = true;
      everConnected = true;
    },
    onEvent: (ev) => holders.forEach((h) => h.onEvent(ev)),
  });
}

/** Holds the feed open until the returned function is called. */
export function holdEvents(holder: EventHolder): () => void {
  holders.add(holder);
  clearTimeout(closeTimer);
  if (!controller) connect();
  return () => {
    holders.delete(holder);
    if (holders.size > 0) return;
    clearTimeout(closeTimer);
    closeTimer = setTimeout(() => {
      if (holders.size === 0 && controller) { controller.abort(); controller = null; }
    }, LINGER_MS);
  };
}
