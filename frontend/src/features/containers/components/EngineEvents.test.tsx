// The engine events a user sees on the Containers page: a die with its exit code, an oom and an
// unhealthy check marked, newest first, filtered by action; on a container's page only its own;
// at most MAX_EVENTS kept.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/api/types';
import { MeContext } from '../../../shared/session/me';
import { renderInto, settle } from '../../../shared/testing/render';
import { describeEvent, keepEvent, MAX_EVENTS } from '../events';
import ContainersPage from '../pages/ContainersPage';
import { EngineEvents } from './EngineEvents';
import { useDockerEvents } from '../live';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
afterEach(() => vi.unstubAllGlobals());

// A fake engine: /api/docker/events is a stream the test writes `docker` events into.
function engine() {
  let ctl!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => { ctl = c; } });
  const fetch = vi.fn(async (url: string) => {
    if (url.startsWith('/api/docker/events')) return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    if (url.startsWith('/api/containers')) return json({ containers: [], unreachable: [] });
    return new Response('{}', { status: 404 });
  });
  vi.stubGlobal('fetch', fetch);
  const send = async (action: string, id: string, attributes: Record<string, string>, type = 'container') => {
    await act(async () => {
      ctl.enqueue(new TextEncoder().encode(`event: docker\ndata: ${JSON.stringify({ type, action, id, attributes, time_nano: 1_700_000_000_000_000_000 })}\n\n`));
      await new Promise((r) => setTimeout(r, 20));
    });
  };
  return { send, fetch };
}

const rows = (div: HTMLElement) => [...div.querySelectorAll('.events-table tbody tr')].map((tr) => ({
  text: [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent!.trim()).join(' | '), cls: tr.className,
}));
const me: Me = { actor_type: 'user', name: 'u', role: 'viewer' } as Me;

describe('engine events on the Containers page', () => {
  it('lists die with its exit code, oom and unhealthy marked, newest first, and filters by action', async () => {
    const { send } = engine();
    const { div, client } = renderInto(<MeContext.Provider value={me}><ContainersPage /></MeContext.Provider>);
    await settle(client);
    expect(div.textContent).toContain('No event yet.');
    await send('start', 'a'.repeat(64), { name: 'web', image: 'nginx' });
    await send('die', 'a'.repeat(64), { name: 'web', exitCode: '3' });
    await send('oom', 'b'.repeat(64), { name: 'hog' });
    await send('health_status: unhealthy', 'c'.repeat(64), { name: 'api' });
    await send('create', 'd'.repeat(64), { name: 'net1' }, 'network');  // not a container: not listed
    expect(rows(div)).toEqual([
      { text: 'local | api | ! health_status: unhealthy', cls: 'event bad' },
      { text: 'local | hog | ! oom', cls: 'event bad' },
      { text: 'local | web | die (exit 3)', cls: 'event warn' },
      { text: 'local | web | start', cls: 'event' },
    ]);
    expect(div.querySelector('.events-table a')?.getAttribute('href')).toBe(`/containers/${'c'.repeat(64)}`);
    const select = div.querySelector<HTMLSelectElement>('.engine-events select')!;
    await act(async () => { select.value = 'die'; select.dispatchEvent(new Event('change', { bubbles: true })); });
    expect(rows(div).map((r) => r.text)).toEqual(['local | web | die (exit 3)']);
    await act(async () => { select.value = 'oom'; select.dispatchEvent(new Event('change', { bubbles: true })); });
    expect(rows(div).map((r) => r.text)).toEqual(['local | hog | ! oom']);
  });

  it("shows on a container's page only that container's events", async () => {
    const { send } = engine();
    function Page() { useDockerEvents('local'); return <EngineEvents container={'a'.repeat(64)} host="" />; }
    const { div, client } = renderInto(<Page />);
    await settle(client);
    await send('kill', 'a'.repeat(64), { name: 'web', signal: '9' });
    await send('die', 'b'.repeat(64), { name: 'other', exitCode: '1' });
    expect(rows(div).map((r) => r.text)).toEqual(['local | web | kill (signal 9)']);
  });
});

describe('the kept events', () => {
  it(`keeps the newest ${MAX_EVENTS}`, () => {
    let list = keepEvent(undefined, describeEvent({ type: 'container', action: 'start', id: 'x0' }, 'local')!);
    for (let i = 1; i <= MAX_EVENTS + 5; i++) list = keepEvent(list, describeEvent({ type: 'container', action: 'start', id: `x${i}` }, 'local')!);
    expect(list).toHaveLength(MAX_EVENTS);
    expect(list[0].id).toBe(`x${MAX_EVENTS + 5}`);
    expect(list.at(-1)!.id).toBe('x6');
  });
  it('says a clean exit is no warning', () => {
    expect(describeEvent({ type: 'container', action: 'die', id: 'x', attributes: { exitCode: '0' } }, 'h')).toMatchObject({ text: 'die (exit 0)', severity: '' });
  });
});
