// An app whose last deployment failed, as the Apps list and the Overview show it: red, counted,
// under the "failed" filter, and one click from the failed deployment (whose error the server wrote).
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInto, settle } from '../../../shared/testing/render';
import OverviewPage from '../../overview/OverviewPage';
import Apps from './AppsPage';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

const apps = [
  { id: 'app_1', name: 'shop', git_url: 'https://git.example/s.git', branch: 'main', domains: [], live_deployment_id: 'dep_1', stopped: false },
  { id: 'app_2', name: 'blog', git_url: 'https://git.example/b.git', branch: 'main', domains: [], live_deployment_id: 'dep_2', stopped: false },
];
const error = "health check failed: nothing answered on port 8000 inside the container; the image EXPOSEs 8080 — set the app's port to 8080";

// The server's answers; `events` is the /api/events stream, whose `send` delivers one event.
function server(deployments: unknown[]) {
  let ctl!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => { ctl = c; } });
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    if (url === '/api/apps') return json(apps);
    if (url === '/api/deployments?latest_per_app=1') return json({ deployments });
    if (url.startsWith('/api/deployments?limit=')) return json({ deployments });
    if (url === '/api/events') return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    return new Response('{}', { status: 404 });
  }));
  return (event: string, data: unknown) => ctl.enqueue(new TextEncoder().encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
}

const deployments = [
  { id: 'dep_1', app_id: 'app_1', status: 'running', created_at: '2025-01-01T00:00:00Z' },
  { id: 'dep_2', app_id: 'app_2', status: 'running', created_at: '2025-01-01T00:00:00Z' },
];
// shop's next deploy fails its health check; the previous version keeps serving.
const rolledBack = { id: 'dep_3', app_id: 'app_1', status: 'rolled_back', error, created_at: '2025-02-01T00:00:00Z' };

describe('an app whose last deploy failed', () => {
  it('is red on the Apps list, under the failed filter with its count, and links to the deployment', async () => {
    const send = server(deployments);
    history.replaceState(null, '', '/apps?status=failed');
    const { div, client } = renderInto(<Apps />);
    await settle(client);
    const option = () => div.querySelector('option[value="failed"]')?.textContent;
    expect(option()).toBe('failed (0)');
    expect(div.querySelectorAll('tbody tr')).toHaveLength(0);

    await act(async () => send('deployment', rolledBack));
    await settle(client);
    expect(option()).toBe('failed (1)');
    const rows = [...div.querySelectorAll('tbody tr')];
    expect(rows.map((tr) => tr.querySelector('td.col-name')?.textContent)).toEqual(['shop']);
    const badge = rows[0].querySelector('.badge') as HTMLAnchorElement;
    expect(badge.textContent).toBe('running · last deploy failed');
    expect(badge.className).toBe('badge bad');
    expect(badge.getAttribute('href')).toBe('/apps/shop?tab=deployments&deployment=dep_3');
    expect(badge.title).toBe(`Why: ${error}`);
  });

  it('is counted as failing on the Overview and listed first, with the red rolled-back deployment', async () => {
    server([...deployments, rolledBack]);
    history.replaceState(null, '', '/');
    const { div, client } = renderInto(<OverviewPage />);
    await settle(client);
    const counts = [...div.querySelectorAll('.counts a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(counts).toEqual([['1 failing', '/apps?status=failed'], ['2 running', '/apps?status=running']]);
    const first = div.querySelector('ul.plain li')!;
    expect(first.textContent).toBe('shop running · last deploy failed');
    expect(first.querySelector('a.badge.bad')?.getAttribute('href')).toBe('/apps/shop?tab=deployments&deployment=dep_3');
    const recent = [...div.querySelectorAll('tbody .badge')].map((b) => [b.textContent, b.className]);
    expect(recent).toContainEqual(['rolled back', 'badge bad']);
  });
});
