// POST /api/images/pull read as it streams: the engine's progress events until `done` or `error`.
// EventSource cannot POST (nor send a bearer token), so this reads the response body with the
// dashboard's SSE parser. No reconnection: a pull interrupted is not resumed but started again by
// the user; aborting the request cancels the pull on the server.
import { authHeaders, errorFrom } from '../../shared/api/client';
import { SseParser } from '../../shared/api/sse';

export async function streamPull(host: string, image: string, onEvent: (event: string, data: string) => void,
  signal: AbortSignal, fetchImpl: typeof fetch = fetch): Promise<void> {
  const res = await fetchImpl(`/api/images/pull?host=${encodeURIComponent(host)}`, {
    method: 'POST',
    headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json', ...authHeaders('POST') },
    body: JSON.stringify({ image }),
    credentials: 'same-origin',
    signal,
  });
  if (!res.ok || !res.body) throw await errorFrom(res);
  const parser = new SseParser();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    for (const ev of parser.push(value)) onEvent(ev.event, ev.data);
  }
}
