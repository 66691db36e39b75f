// The containers list as the benchmark and a user see it: one <tr data-container-id> per container
// shown, the count of containers loaded, an app's container marked with the app's name, a filter
// from the URL applied, and no action for a viewer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContainerRow, Me } from '../../../shared/api/types';
import { MeContext } from '../../../shared/session/me';
import { renderInto, settle } from '../../../shared/testing/render';
import ContainersPage from './ContainersPage';

const row = (i: number): ContainerRow => ({
  id: `${String(i).padStart(4, '0')}${'f'.repeat(60)}`, name: `c${i}`, names: [`/c${i}`], image: i % 2 ? 'busybox' : 'nginx', image_id: '',
  state: i % 3 ? 'running' : 'exited', status: '', command: '', created: 0, ports: [], labels: {}, host: 'local',
  app: i === 7 ? { id: 'a1', name: 'shop' } : null,
});
const rows = Array.from({ length: 150 }, (_, i) => row(i));

function render(role: Me['role'], path = '/containers') {
  history.replaceState(null, '', path);
  vi.stubGlobal('fetch', vi.fn(async (url: string) => (url.startsWith('/api/containers')
    ? new Response(JSON.stringify({ containers: rows, unreachable: [] }), { status: 200 })
    : new Response('{}', { status: 404 }))));
  return renderInto(<MeContext.Provider value={{ actor_type: 'user', name: 'u', role }}><ContainersPage /></MeContext.Provider>);
}
afterEach(() => vi.unstubAllGlobals());

describe('the containers list', () => {
  it('renders a row per container with its full id, the count loaded, and the app mark', async () => {
    const { div, client } = render('developer');
    await settle(client);
    expect(div.querySelector('[data-testid="containers-count"]')?.textContent).toBe('150');
    const ids = [...div.querySelectorAll('tr[data-container-id]')].map((tr) => tr.getAttribute('data-container-id'));
    expect(ids).toHaveLength(100);  // a page; the rest behind "Show 50 more"
    expect(ids[0]).toBe(rows[0].id);
    expect(div.querySelector(`tr[data-container-id="${rows[7].id}"] .app-mark`)?.textContent).toBe('app shop');
    expect([...div.querySelectorAll('button')].map((b) => b.textContent)).toContain('Select');
  });
  it('applies the filter in the URL', async () => {
    const { div, client } = render('developer', '/containers?state=exited&image=nginx');
    await settle(client);
    const shown = [...div.querySelectorAll('tr[data-container-id]')].map((tr) => tr.getAttribute('data-container-id'));
    expect(shown).toEqual(rows.filter((c) => c.state === 'exited' && c.image === 'nginx').map((c) => c.id));
  });
  it('gives viewers no action', async () => {
    const { div, client } = render('viewer');
    await settle(client);
    expect([...div.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Select');
    expect(div.textContent).not.toContain('New container');
    expect(div.textContent).toContain('viewers read only');
  });
});
