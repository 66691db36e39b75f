// The Docker policy section: the server's roots listed, a root added and one removed, then saved as one list;
// the server's 400 shown on the field with the list kept; a developer sees Save disabled with the reason.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/api/types';
import { MeContext } from '../../../shared/session/me';
import { json, typeInto } from '../../../shared/testing/dom';
import { renderInto, settle } from '../../../shared/testing/render';
import { DockerPolicy } from './DockerPolicy';

const policy = (roots: string[], source = 'config') => ({ allowed_bind_roots: roots, source, safe_capabilities: ['CHOWN', 'IPC_LOCK'] });
const button = (div: HTMLElement, text: string) => [...div.querySelectorAll('button')].find((b) => b.textContent?.startsWith(text))!;
const roots = (div: HTMLElement) => [...div.querySelectorAll('ul[aria-label="Allowed bind roots"] code')].map((c) => c.textContent);

afterEach(() => vi.unstubAllGlobals());

describe('DockerPolicy', () => {
  it('adds and removes roots, saves the list, and shows a refused root on the field', async () => {
    // The server: GET answers what is stored; a PUT with "/" is refused and stores nothing.
    let stored = policy(['/srv/a', '/srv/b']);
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method !== 'PUT') return json(200, stored);
      const asked = JSON.parse(String(init.body)).allowed_bind_roots as string[];
      if (asked.includes('/')) return json(400, { error: { code: 'invalid', message: '/ would allow binding the whole host', field: 'allowed_bind_roots' } });
      stored = policy(asked, 'saved');
      return json(200, stored);
    });
    vi.stubGlobal('fetch', fetchMock);
    const puts = () => fetchMock.mock.calls.map((c) => c[1]).filter((i) => i?.method === 'PUT') as RequestInit[];
    const { div, client } = renderInto(<DockerPolicy />);
    await settle(client);
    expect(roots(div)).toEqual(['/srv/a', '/srv/b']);
    expect(div.textContent).toMatch(/config file/);
    expect(div.textContent).toMatch(/CHOWN, IPC_LOCK/);

    act(() => { button(div, 'Remove').click(); });
    const input = div.querySelector('input')!;
    act(() => { typeInto(input, '/'); });
    await act(async () => { div.querySelector('form')!.requestSubmit(); });
    act(() => { button(div, 'Save').click(); });
    await settle(client);
    expect(JSON.parse(String(puts()[0].body))).toEqual({ allowed_bind_roots: ['/srv/b', '/'] });
    expect(puts()[0].method).toBe('PUT');
    expect(div.querySelector('.field-error')?.textContent).toBe('/ would allow binding the whole host');
    expect(roots(div)).toEqual(['/srv/b', '/']); // the list is kept, to fix

    act(() => { div.querySelectorAll<HTMLButtonElement>('ul button')[1].click(); });
    act(() => { typeInto(input, '/mnt/media'); });
    await act(async () => { div.querySelector('form')!.requestSubmit(); });
    act(() => { button(div, 'Save').click(); });
    await settle(client);
    expect(JSON.parse(String(puts()[1].body))).toEqual({ allowed_bind_roots: ['/srv/b', '/mnt/media'] });
    expect(roots(div)).toEqual(['/srv/b', '/mnt/media']);
    expect(div.textContent).toMatch(/saved by an admin/);
  });

  it('shows a developer the roots with Save disabled and why', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json(200, policy(['/srv/a']))));
    const dev: Me = { actor_type: 'token', name: 'ci', role: 'developer' };
    const { div, client } = renderInto(<MeContext.Provider value={dev}><DockerPolicy /></MeContext.Provider>);
    await settle(client);
    expect(roots(div)).toEqual(['/srv/a']);
    const save = button(div, 'Save');
    expect(save.disabled).toBe(true);
    expect(save.getAttribute('aria-description')).toMatch(/Developers cannot change the Docker policy/);
  });
});
