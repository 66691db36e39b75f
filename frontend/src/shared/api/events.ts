// One shared connection to GET /api/events for the whole dashboard: pages subscribe to
// deployment changes instead of polling, and reload once after a reconnection (events sent
// while disconnected are not replayed).
import { authHeaders } from './client';
import { followStream } from './sse';
import type { Deployment } from './types';

interface Subscriber {
  onDeployment: (d: Deployment) => void;
  onResync?: () => void;
}
const subscribers = new Set<Subscriber>();
let controller: AbortController | null = null;

function connect() {
  controller = new AbortController();
  let connectedBefore = false;
  void followStream('/api/events', {
    headers: () => authHeaders(),
    signal: controller.signal,
    onState: (s) => {
      if (s !== 'live') return;
      if (connectedBefore) subscribers.forEach((x) => x.onResync?.());
      connectedBefore = true;
    },
    onEvent: (ev) => {
      if (ev.event !== 'deployment') return;
      try {
        const d = JSON.parse(ev.data) as Deployment;
        subscribers.forEach((x) => x.onDeployment(d));
      } catch {
        /* a malformed event is ignored; the next one carries the full state again */
      }
    },
  });
}

export function subscribeDeployments(onDeployment: Subscriber['onDeployment'], onResync?: () => void): () => void {
  const sub = { onDeployment, onResync };
  subscribers.add(sub);
  if (!controller) connect();
  return () => {
    subscribers.delete(sub);
    if (subscribers.size === 0 && controller) { controller.abort(); controller = null; }
  };
}
