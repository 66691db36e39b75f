// One shared connection to GET /api/events for the whole dashboard: pages subscribe to
// deployment changes instead of polling.
import { authHeaders } from '../api/client';
import { followStream } from '../api/sse';
import type { Deployment } from '../api/types';

type Listener = (d: Deployment) => void;
const listeners = new Set<Listener>();
let controller: AbortController | null = null;

export function subscribeDeployments(l: Listener): () => void {
  listeners.add(l);
  if (!controller) {
    controller = new AbortController();
    void followStream('/api/events', {
      headers: () => authHeaders(),
      signal: controller.signal,
      onEvent: (ev) => {
        if (ev.event !== 'deployment') return;
        try {
          const d = JSON.parse(ev.data) as Deployment;
          listeners.forEach((f) => f(d));
        } catch {
          /* a malformed event is ignored; the next one carries the full state again */
        }
      },
    });
  }
  return () => {
    listeners.delete(l);
    if (listeners.size === 0 && controller) { controller.abort(); controller = null; }
  };
}
