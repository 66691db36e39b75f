// The SSE parser and the fetch-based follower: chunk boundaries, comments, ids, reconnection, end.
import { describe, expect, it } from 'vitest';
import { followStream, SseParser } from './sse';

describe('SseParser', () => {
  it('assembles events split across arbitrary chunks', () => {
    const p = new SseParser();
    const text = 'id: 7\nevent: log\ndata: {"line":"a"}\n\n: ping\n\nevent: status\ndata: {"status":"running"}\n\n';
    const events = [];
    for (let i = 0; i < text.length; i += 3) events.push(...p.push(text.slice(i, i + 3)));
    expect(events).toEqual([
      { id: '7', event: 'log', data: '{"line":"a"}' },
      { id: undefined, event: 'status', data: '{"status":"running"}' },
    ]);
    expect(p.lastEventId).toBe('7');
  });

  it('handles CRLF and CR line ends, even when \\r\\n is split between chunks', () => {
    const p = new SseParser();
    expect(p.push('data: one\r')).toEqual([]);
    expect(p.push('\n\r\ndata: two\r\r\n')).toEqual([
      { id: undefined, event: 'message', data: 'one' },
      { id: undefined, event: 'message', data: 'two' },
    ]);
  });

  it('joins multi-line data and keeps a value without the leading space', () => {
    const p = new SseParser();
    expect(p.push('data:first\ndata: second\n\n')).toEqual([{ id: undefined, event: 'message', data: 'first\nsecond' }]);
  });

  it('ignores comments and events without data', () => {
    const p = new SseParser();
    expect(p.push(': ping\n\nevent: nothing\n\n')).toEqual([]);
  });
});

function streamResponse(chunks: string[], close = true): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      chunks.forEach((x) => c.enqueue(enc.encode(x)));
      if (close) c.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('followStream', () => {
  it('resumes after a dropped connection with Last-Event-ID and stops at the end event', async () => {
    const seen: string[] = [];
    const sentIds: (string | null)[] = [];
    let call = 0;
    const fake = (async (_url: string, init?: RequestInit) => {
      sentIds.push(new Headers(init?.headers).get('Last-Event-ID'));
      call++;
      if (call === 1) return streamResponse(['id: 1\nevent: log\ndata: a\n\n', 'id: 2\nevent: log\ndata: b\n\n']);
      return streamResponse(['id: 3\nevent: log\ndata: c\n\nevent: end\ndata: {}\n\n'], false);
    }) as typeof fetch;
    const ctl = new AbortController();
    const states: string[] = [];
    await followStream('/x', {
      headers: () => ({ Authorization: 'Bearer t' }), signal: ctl.signal, endEvent: 'end', fetchImpl: fake,
      onEvent: (e) => seen.push(`${e.event}:${e.data}`), onState: (s) => states.push(s),
    });
    expect(seen).toEqual(['log:a', 'log:b', 'log:c', 'end:{}']);
    expect(sentIds).toEqual([null, '2']);
    expect(states.at(-1)).toBe('closed');
  }, 10000);

  it('gives up on 401/404 instead of retrying forever', async () => {
    let calls = 0;
    const fake = (async () => { calls++; return new Response('{}', { status: 404 }); }) as typeof fetch;
    const states: string[] = [];
    await followStream('/x', { headers: () => ({}), signal: new AbortController().signal, fetchImpl: fake, onEvent: () => undefined, onState: (s) => states.push(s) });
    expect(calls).toBe(1);
    expect(states).toEqual(['closed: the server answered 404']);
  });

  it('reports a network failure and retries until aborted', async () => {
    const ctl = new AbortController();
    const states: string[] = [];
    const fake = (async () => { throw new TypeError('connection refused'); }) as typeof fetch;
    const done = followStream('/x', { headers: () => ({}), signal: ctl.signal, fetchImpl: fake, onEvent: () => undefined, onState: (s) => { states.push(s); ctl.abort(); } });
    await done;
    expect(states[0]).toBe('reconnecting in 1s: connection refused');
  });
});
