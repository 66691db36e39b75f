// The Images page keeps the host it shows in the URL (?host=): a reload or a shared link lists the same
// host's images, and choosing another host rewrites the URL without adding a history entry.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../shared/api/types';
import { MeContext } from '../../shared/session/me';
import { json } from '../../shared/testing/dom';
import { renderInto, settle } from '../../shared/testing/render';
import ImagesPage from './ImagesPage';

const hosts = [{ id: 'local', name: 'local' }, { id: 'h_build', name: 'build1' }];
const image = (host: string) => ({ id: 'sha256:' + 'a'.repeat(64), short_id: 'aaaaaaaaaaaa', host, tags: [`shop-on-${host}:v1`], digests: [],
  size_bytes: 1, created_at: '', dangling: false, in_use: false, used_by: [], managed: false, app_id: null, labels: {} });

function render(path: string) {
  history.replaceState(null, '', path);
  const fetch = vi.fn(async (url: string) => {
    if (url === '/api/hosts') return json(200, hosts);
    const host = new URL(url, 'http://x').searchParams.get('host') ?? '';
    if (url.startsWith('/api/images?')) return json(200, { images: [image(host)], unreachable: [] });
    return json(404, { error: { code: 'not_found', message: 'no', field: '' } });
  });
  vi.stubGlobal('fetch', fetch);
  const me: Me = { actor_type: 'user', name: 'vic', role: 'viewer' };
  return { fetch, ...renderInto(<MeContext.Provider value={me}><ImagesPage /></MeContext.Provider>) };
}
const hostSelect = (div: HTMLElement) => [...div.querySelectorAll('label')].find((l) => l.textContent?.startsWith('Host'))!.querySelector('select')!;
/** Picks a host in the menu as a user does (React listens for the native setter plus a change event). */
function choose(div: HTMLElement, host: string) {
  act(() => {
    const select = hostSelect(div);
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(select, host);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
const listedHosts = (fetch: ReturnType<typeof vi.fn>) =>
  fetch.mock.calls.map(([u]) => String(u)).filter((u) => u.startsWith('/api/images?')).map((u) => new URL(u, 'http://x').searchParams.get('host'));

afterEach(() => vi.unstubAllGlobals());

describe('the Images page\'s host', () => {
  it('is the one the URL names', async () => {
    const { div, client, fetch } = render('/images?host=h_build');
    await settle(client);
    expect(hostSelect(div).value).toBe('h_build');
    expect(listedHosts(fetch)).toEqual(['h_build']);
    expect(div.textContent).toContain('shop-on-h_build:v1');
  });

  it('goes into the URL when chosen, and a reload keeps it', async () => {
    const { div, client } = render('/images');
    await settle(client);
    expect(hostSelect(div).value).toBe('local');
    const entries = history.length;
    choose(div, 'h_build');
    expect(location.pathname + location.search).toBe('/images?host=h_build');
    expect(history.length).toBe(entries);

    const again = render(location.pathname + location.search);  // the reload
    await settle(again.client);
    expect(hostSelect(again.div).value).toBe('h_build');
    expect(listedHosts(again.fetch)).toEqual(['h_build']);
  });

  it('leaves the URL bare for the local engine and names every host as *', async () => {
    const { div, client } = render('/images?host=*');
    await settle(client);
    expect(hostSelect(div).value).toBe('*');
    choose(div, 'local');
    expect(location.search).toBe('');
  });
});
