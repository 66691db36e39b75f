// The shared /api/events connection: pages that follow one another share it (no reconnect, no
// refetch), and a connection opened after a time without one tells its holders that data fetched
// before it may have missed events.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdEvents } from './events';

function openStream(signal: AbortSignal): Response {
  const body = new ReadableStream<Uint8Array>({
    start: (c) => signal.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError'))),
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}
const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => { vi.useRealTimers(); vi.unstubAllGlobals(); });

describe('holdEvents', () => {
  it('keeps one connection while pages change, and resyncs after a gap', async () => {
    const fetchMock = vi.fn(async (_u: string, init?: RequestInit) => openStream(init!.signal!));
    vi.stubGlobal('fetch', fetchMock);
    const first = vi.fn();
    const releaseFirst = holdEvents({ onEvent: () => undefined, onResync: first });
    await settle();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    releaseFirst(); // the next page mounts a moment later
    const second = vi.fn();
    const releaseSecond = holdEvents({ onEvent: () => undefined, onResync: second });
    await settle();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect([first, second].map((f) => f.mock.calls.length)).toEqual([0, 0]);

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    releaseSecond();
    vi.advanceTimersByTime(20_000); // nobody held it: closed
    vi.useRealTimers();
    const before = Date.now();
    const third = vi.fn();
    holdEvents({ onEvent: () => undefined, onResync: third });
    await settle();
    await settle();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(third).toHaveBeenCalledOnce();
    expect(third.mock.calls[0][0]).toBeGreaterThanOrEqual(before);
  });
});
