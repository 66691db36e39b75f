// Saving settings: the button says it is busy, the server's complaint lands under the field it
// names (and only there), a toast sums up the result, and a good save replaces the cached app.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../../shared/api/types';
import { renderInto, settle } from '../../../shared/testing/render';
import { appKeys } from '../keys';
import { AppSettings } from './AppSettings';
import { json } from '../../../shared/testing/dom';

const app = {
  id: 'app_1', name: 'shop', branch: 'main', port: 3000, domains: ['shop.test'],
  healthcheck: { type: 'http', path: '/health', interval_ms: 1000, timeout_ms: 500, retries: 3, start_period_ms: 0 },
  resources: { memory_limit_bytes: null, cpu_limit_millis: null }, auto_deploy: true,
} as unknown as App;

afterEach(() => vi.unstubAllGlobals());

describe('AppSettings', () => {
  it('shows pending state, then the field error on its field and a toast', async () => {
    let answer!: (r: Response) => void;
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((r) => { answer = r; })));
    const { div, client } = renderInto(<AppSettings app={app} />);
    const flush = () => settle(client);
    await act(async () => { div.querySelector('form')!.requestSubmit(); });
    await settle(client, 100); // the request stays unanswered: only let the pending state render
    const save = div.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect([save.textContent, save.disabled]).toEqual(['Saving…', true]);

    await act(async () => answer(json(400, { error: { code: 'invalid', message: 'must start with /', field: 'healthcheck.path' } })));
    await flush();
    const path = [...div.querySelectorAll('label')].find((l) => l.textContent === 'Path')!;
    const input = document.getElementById(path.htmlFor)!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = input.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain('must start with /');
    expect(div.querySelectorAll('.field-error')).toHaveLength(1);
    expect(div.querySelector('.toasts')?.textContent).toContain('Settings not saved: must start with / (healthcheck.path)');
    expect(save.disabled).toBe(false);
  });

  it('puts the saved app in the cache under its id and name', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { ...app, port: 4000 })));
    const { div, client } = renderInto(<AppSettings app={app} />);
    await act(async () => { div.querySelector('form')!.requestSubmit(); });
    await settle(client);
    expect(client.getQueryData<App>(appKeys.detail('shop'))?.port).toBe(4000);
    expect(client.getQueryData<App>(appKeys.detail('app_1'))?.port).toBe(4000);
    expect(div.querySelector('.toasts')?.textContent).toContain('Saved. Changes apply from the next deployment.');
  });

  it('sends auto_deploy: false when "Deploy on push" is unticked', async () => {
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) => json(200, { ...app, ...JSON.parse(String(init?.body)) }));
    vi.stubGlobal('fetch', fetchMock);
    const { div, client } = renderInto(<AppSettings app={app} />);
    const box = [...div.querySelectorAll('label')].find((l) => l.textContent?.includes('Deploy on push'))!.querySelector('input')!;
    expect(box.checked).toBe(true);
    act(() => box.click());
    await act(async () => { div.querySelector('form')!.requestSubmit(); });
    await settle(client);
    expect(JSON.parse(String(fetchMock.mock.calls[0][1]?.body)).auto_deploy).toBe(false);
    expect(client.getQueryData<App>(appKeys.detail('shop'))?.auto_deploy).toBe(false);
  });
});
