// The dashboard's one connection to GET /api/events (the server's feed of deployment and app-action
// changes). It is open while at least one page holds it, and after every (re)connection that may
// have missed events it asks its holders to resync, since the feed does not replay.
// All SSE transport lives in sse.ts; this file only owns the shared connection.
import { authHeaders } from './client';
import { followStream, type SseEvent } from './sse';

export interface EventHolder {
  onEvent: (ev: SseEvent) => void;
  /** Events may have been missed (a reconnection, or the feed was closed for a while). */
  onResync: () => void;
}

const holders = new Set<EventHolder>();
let controller: AbortController | null = null;
let everConnected = false;

function connect() {
  controller = new AbortController();
  const missedSince = everConnected; // closed earlier: whatever is cached may be behind
  let connectedBefore = false;
  void followStream('/api/events', {
    headers: () => authHeaders(),
    signal: controller.signal,
    onState: (s) => {
      if (s !== 'live') return;
      if (connectedBefore || missedSince) holders.forEach((h) => h.onResync());
      connectedBefore = true;
      everConnected = true;
    },
    onEvent: (ev) => holders.forEach((h) => h.onEvent(ev)),
  });
}

/** Holds the feed open until the returned function is called. */
export function holdEvents(holder: EventHolder): () => void {
  holders.add(holder);
  if (!controller) connect();
  return () => {
    holders.delete(holder);
    if (holders.size === 0 && controller) { controller.abort(); controller = null; }
  };
}
