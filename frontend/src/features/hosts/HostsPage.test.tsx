// An admin edits a remote host: the form starts from its name and address with empty credential fields,
// sends only what changed (an empty credential is kept by the server), shows a refusal on its field, and
// a viewer's Edit button is disabled with the reason.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Host, Me } from '../../shared/api/types';
import { MeContext } from '../../shared/session/me';
import { inputFor, json, typeInto } from '../../shared/testing/dom';
import { renderInto, settle } from '../../shared/testing/render';
import HostsPage from './HostsPage';

afterEach(() => vi.unstubAllGlobals());

const host = (over: Partial<Host>): Host => ({
  id: 'local', name: 'local', kind: 'local', address: '', engine_version: '27.0', ok: true, since: '2026-01-01T00:00:00Z', error: '',
  created_at: null, created_by: '', has_ssh_key: false, has_tls_ca: false, has_tls_cert: false, has_tls_key: false, ssh_host_key: '', ssh_host_key_fingerprint: '', ...over,
});
const build1 = host({ id: 'h_1', name: 'build1', kind: 'tcp', address: '10.0.0.5:2376', has_tls_ca: true, has_tls_cert: true, has_tls_key: true });

function server(put: (body: unknown) => Response) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(init.body as string) : undefined;
    calls.push({ method, url, body });
    if (method === 'PUT' && url === '/api/hosts/h_1') return put(body);
    if (url === '/api/hosts') return json(200, [host({}), build1]);
    return json(200, {});
  }));
  return calls;
}

const render = (role: Me['role']) => renderInto(<MeContext.Provider value={{ actor_type: 'user', name: 'u', role } as Me}><HostsPage /></MeContext.Provider>);
const button = (root: ParentNode, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text)!;

function typeText(el: HTMLTextAreaElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

async function openEdit(div: HTMLElement) {
  await act(async () => button(div, 'Edit build1').click());
  return div.querySelector<HTMLFormElement>('form[aria-label="Edit host build1"]')!;
}

describe('editing a host', () => {
  it('sends only the changed name and the replaced key, then says it was saved', async () => {
    const calls = server((b) => json(200, { ...build1, ...(b as object) }));
    const { div, client } = render('admin');
    await settle(client);
    const form = await openEdit(div);
    expect(inputFor(form, 'Name').value).toBe('build1');
    expect(inputFor(form, 'Address').value).toBe('10.0.0.5:2376');
    expect(inputFor(form, 'Client key (replace)').value).toBe('');
    expect(form.textContent).toContain('stored; leave empty to keep it');
    await act(async () => {
      typeInto(inputFor(form, 'Name'), 'builder');
      typeText(inputFor(form, 'Client key (replace)') as unknown as HTMLTextAreaElement, '-----BEGIN PRIVATE KEY-----\nx\n');
    });
    await act(async () => form.requestSubmit());
    await settle(client);
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([
      { method: 'PUT', url: '/api/hosts/h_1', body: { name: 'builder', tls_key: '-----BEGIN PRIVATE KEY-----\nx\n' } },
    ]);
    expect(div.querySelector('form[aria-label^="Edit host"]')).toBeNull();
    expect(div.textContent).toContain('Host builder saved.');
  });

  it("shows the server's refusal on its field and keeps the form", async () => {
    server(() => json(400, { error: { code: 'invalid', message: 'name must be lowercase', field: 'name' } }));
    const { div, client } = render('admin');
    await settle(client);
    const form = await openEdit(div);
    await act(async () => typeInto(inputFor(form, 'Name'), 'Bad Name'));
    await act(async () => form.requestSubmit());
    await settle(client);
    expect(div.querySelector('form[aria-label="Edit host build1"] .field-error')?.textContent).toBe('name must be lowercase');
  });

  it("disables a viewer's Edit button, saying why", async () => {
    server(() => json(500, {}));
    const { div, client } = render('viewer');
    await settle(client);
    expect(button(div, 'Edit build1').disabled).toBe(true);
    expect(button(div, 'Edit build1').title).toMatch(/edit hosts/);
  });
});
