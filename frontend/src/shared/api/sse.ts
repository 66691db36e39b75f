// Server-Sent Events read with fetch(): EventSource cannot send `Authorization: Bearer`, so the
// dashboard parses the text/event-stream format itself (WHATWG HTML §9.2) and reconnects with
// Last-Event-ID after a dropped connection. The parser is pure and incremental for testing.

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private eventName = '';
  private id: string | undefined;
  /** The last id the server sent; survives across events for reconnection. */
  lastEventId: string | undefined;

  /** Feeds a chunk of decoded text; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buffer);
      if (!m) break;
      // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
      if (m[0] === '\r' && m.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      const ev = this.line(line);
      if (ev) out.push(ev);
    }
    return out;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null; // comment (keep-alive ping)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.eventName = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return null;
  }

  private dispatch(): SseEvent | null {
    if (this.id !== undefined) this.lastEventId = this.id;
    const hasData = this.data.length > 0;
    const ev: SseEvent = { id: this.id, event: this.eventName || 'message', data: this.data.join('\n') };
    this.data = [];
    this.eventName = '';
    this.id = undefined;
    return hasData ? ev : null;
  }
}

export interface StreamOptions {
  headers: () => Record<string, string>;
  onEvent: (ev: SseEvent) => void;
  /** Called with a human-readable state: "live", "reconnecting in 2s: …", "closed". */
  onState?: (state: string) => void;
  signal: AbortSignal;
  /** Stop reconnecting after this event (e.g. "end" of a finished deployment's log). */
  endEvent?: string;
  fetchImpl?: typeof fetch;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });

/** Follows an SSE URL until aborted or `endEvent` arrives; reconnects with backoff, resuming by id. */
export async function followStream(url: string, opts: StreamOptions): Promise<void> {
  const doFetch = opts.fetchImpl ?? fetch;
  let lastId: string | undefined;
  let delay = 1000;
  while (!opts.signal.aborted) {
    let ended = false;
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream', ...opts.headers() };
      if (lastId) headers['Last-Event-ID'] = lastId;
      const res = await doFetch(url, { headers, signal: opts.signal, credentials: 'same-origin' });
      if (res.status === 401 || res.status === 403 || res.status === 404) {
        opts.onState?.(`closed: the server answered ${res.status}`);
        return;
      }
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      opts.onState?.('live');
      delay = 1000;
      const parser = new SseParser();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const ev of parser.push(value)) {
          opts.onEvent(ev);
          if (opts.endEvent && ev.event === opts.endEvent) ended = true;
        }
        if (parser.lastEventId !== undefined) lastId = parser.lastEventId;
        if (ended) { await reader.cancel().catch(() => undefined); break; }
      }
    } catch (e) {
      if (opts.signal.aborted) return;
      opts.onState?.(`reconnecting in ${delay / 1000}s: ${(e as Error).message}`);
      await sleep(delay, opts.signal);
      delay = Math.min(delay * 2, 15000);
      continue;
    }
    if (ended) { opts.onState?.('closed'); return; }
    if (opts.signal.aborted) return;
    opts.onState?.('reconnecting in 1s: the server closed the stream');
    await sleep(1000, opts.signal);
  }
}
