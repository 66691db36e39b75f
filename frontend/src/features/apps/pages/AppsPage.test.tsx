// The apps list with a thousand apps: two requests, a page of rows at a time, search over all of
// them, and a deployment event from the live stream changing one app's status in place.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInto, settle } from '../../../shared/testing/render';
import Apps from './AppsPage';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

function events(): { response: Response; send: (event: string, data: unknown) => void } {
  let ctl!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => { ctl = c; } });
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send: (event, data) => ctl.enqueue(new TextEncoder().encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('Apps', () => {
  it('stays usable with 1,000 apps and follows live status', async () => {
    const apps = Array.from({ length: 1000 }, (_, i) => ({ id: `app_${i}`, name: `app-${String(i).padStart(4, '0')}`, git_url: `https://git.example/a${i}.git`, branch: 'main', domains: [], live_deployment_id: `dep_${i}` }));
    const deployments = apps.map((a, i) => ({ id: `dep_${i}`, app_id: a.id, status: 'running', created_at: '2025-01-01T00:00:00Z' }));
    const stream = events();
    const fetchMock = vi.fn(async (url: string) => {
      if (url === '/api/apps') return json(apps);
      if (url === '/api/deployments?latest_per_app=1') return json({ deployments });
      if (url === '/api/events') return stream.response;
      if (url === '/api/system') return json({ proxy: { http_port: 80, https_port: 443, tls: false } });
      return new Response('{}', { status: 404 });
    });
    vi.stubGlobal('fetch', fetchMock);
    history.replaceState(null, '', '/apps');
    const { div, client } = renderInto(<Apps />);
    const flush = () => settle(client);
    await flush();

    expect(fetchMock.mock.calls.map((c) => c[0]).sort()).toEqual(['/api/apps', '/api/deployments?latest_per_app=1', '/api/events', '/api/system']);
    expect(div.querySelectorAll('tbody tr')).toHaveLength(100);
    expect(div.querySelector('[role="status"]')?.textContent).toBe('1000 apps');
    const more = [...div.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Show 100 more'))!;
    act(() => more.click());
    expect(div.querySelectorAll('tbody tr')).toHaveLength(200);

    const search = div.querySelector('input[type="search"]') as HTMLInputElement;
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(search, 'app-0999');
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await flush();
    expect([...div.querySelectorAll('tbody tr td.col-name')].map((td) => td.textContent)).toEqual(['app-0999']);
    expect(location.search).toBe('?q=app-0999');

    await act(async () => stream.send('deployment', { id: 'dep_new', app_id: 'app_999', status: 'building', created_at: '2025-02-01T00:00:00Z' }));
    await flush();
    expect(div.querySelector('tbody tr .badge')?.textContent).toBe('deploying');
  });

  it('links each app at its URL through the proxy, with the port when it is not 80', async () => {
    const apps = [
      { id: 'app_1', name: 'shop', git_url: 'https://git.example/s.git', branch: 'main', domains: ['shop.203.0.113.7.sslip.io'], generated_domain: 'shop.203.0.113.7.sslip.io', live_deployment_id: null },
      { id: 'app_2', name: 'blog', git_url: 'https://git.example/b.git', branch: 'main', domains: ['blog.example.com', 'www.blog.example.com'], generated_domain: null, live_deployment_id: null },
      { id: 'app_3', name: 'bare', git_url: 'https://git.example/c.git', branch: 'main', domains: [], generated_domain: null, live_deployment_id: null },
    ];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url === '/api/apps') return json(apps);
      if (url === '/api/deployments?latest_per_app=1') return json({ deployments: [] });
      if (url === '/api/system') return json({ proxy: { http_port: 8000, https_port: 8443, tls: false } });
      return new Response('{}', { status: 404 });
    }));
    history.replaceState(null, '', '/apps');
    const { div, client } = renderInto(<Apps />);
    await settle(client);
    const cell = (name: string) => [...div.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('td.col-name')?.textContent === name)!.querySelector('td.col-domains')!;
    const link = (name: string) => cell(name).querySelector('a');
    expect(link('shop')?.getAttribute('href')).toBe('http://shop.203.0.113.7.sslip.io:8000');
    expect(link('shop')?.getAttribute('target')).toBe('_blank');
    expect(link('blog')?.getAttribute('href')).toBe('http://blog.example.com:8000');
    expect(cell('blog').textContent).toContain('+1 more');
    expect(link('bare')).toBeNull();
  });
});
