// A stack's page: the services with their state, health and container links; the actions for the stack
// and for one service (what each sends), Down asking with "also remove named volumes" and naming the
// volumes after the answer, every action disabled for a viewer; the Env tab's secret round trip (null for
// an unchanged secret); the Compose tab's save (exact text; a refused file's issues in the editor) and
// Save & Deploy; the revisions with the file each deployed.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Route } from 'wouter';
import { navigate } from '../../../shared/router';
import { button, json, typeInto } from '../../../shared/testing/dom';
import { confirmIn, settle } from '../../../shared/testing/render';
import { renderAs, userAs } from '../../../shared/testing/roles';
import type { Me } from '../../../shared/api/types';
import { editorIn, markedLines, typeText, wait } from '../editorTesting';
import { COMPOSE, revision, shop } from '../fixtures';
import StackPage from './StackPage';

type Call = { method: string; url: string; body?: unknown };
type Answer = (c: Call) => Response | undefined;

function serve(answer: Answer = () => undefined) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const c: Call = { method: init?.method ?? 'GET', url, body: init?.body ? JSON.parse(init.body as string) : undefined };
    calls.push(c);
    const special = answer(c);
    if (special) return special;
    if (url === '/api/stacks/validate') return json(200, { valid: true, issues: [] });
    if (url === '/api/stacks/shop/revisions') return json(200, { revisions: [revision(2), revision(1, { status: 'failed', service: 'db', error: 'db exited (1)', compose: 'services:\n  db:\n    image: pg:15\n' })] });
    if (c.method === 'GET') return json(200, shop);
    return json(200, {});
  }));
  return calls;
}
const changes = (calls: Call[]) => calls.filter((c) => c.method !== 'GET' && c.url !== '/api/stacks/validate');

async function open(role: Me['role'], tab = '') {
  act(() => navigate(`/stacks/shop${tab ? `?tab=${tab}` : ''}`));
  const r = renderAs(userAs(role), <Route path="/stacks/:name" component={StackPage} />);
  await settle(r.client);
  return r;
}
const ACTIONS = ['Deploy', 'Pull & redeploy', 'Start', 'Stop', 'Restart', 'Down', 'Delete'];

afterEach(() => vi.unstubAllGlobals());

describe('StackPage', () => {
  it('shows each service with its state, health and container, linked to the container page', async () => {
    serve();
    const { div } = await open('viewer');
    expect(div.querySelector('h1')!.textContent).toBe('shop partial');
    const web = div.querySelector('tr[data-service="web"]')!;
    expect([...web.querySelectorAll('.badge')].map((b) => [b.textContent, b.className])).toEqual([['running', 'badge ok'], ['healthy', 'badge ok']]);
    expect(web.querySelector('a')!.getAttribute('href')).toBe(`/containers/${shop.services[0].id}`);
    expect(web.querySelector('a')!.textContent).toBe('shop-web-1');
    const db = div.querySelector('tr[data-service="db"]')!;
    expect(db.querySelector('.badge')!.textContent).toBe('missing');
    expect(db.textContent).toContain('none');
    expect(div.querySelector('.meta')!.textContent).toContain('1/2 services running');
  });

  it('gives a viewer every action disabled with the reason, and sends nothing', async () => {
    const calls = serve();
    const { div } = await open('viewer');
    const head = div.querySelector('.head')!;
    for (const name of ACTIONS) {
      const b = button(head, name)!;
      expect(b.disabled).toBe(true);
      expect(b.getAttribute('title')).toMatch(/^Viewers cannot .* — ask an admin for the developer role$/);
      act(() => b.click());
    }
    const row = div.querySelector('tr[data-service="web"]')!;
    for (const name of ['Deploy web', 'Pull & redeploy web', 'Start web', 'Stop web', 'Restart web']) expect(button(row, name)!.disabled).toBe(true);
    expect(changes(calls)).toEqual([]);
  });

  it('acts on one service or the whole stack, and keeps a failed deploy\'s reason beside the button', async () => {
    const calls = serve((c) => {
      if (c.url.endsWith('/restart')) return json(200, { containers: ['shop-web-1'] });
      if (c.url.endsWith('/deploy')) return json(422, { error: { code: 'deploy_failed', message: 'web did not become healthy within 120 s', field: 'web' } });
      return undefined;
    });
    const { div, client } = await open('developer');
    await act(async () => button(div.querySelector('tr[data-service="web"]')!, 'Restart web')!.click());
    await settle(client);
    expect(changes(calls)).toEqual([{ method: 'POST', url: '/api/stacks/shop/restart', body: { service: 'web' } }]);
    expect(div.querySelector('.toasts')!.textContent).toContain('Restarted web: shop-web-1');

    await act(async () => button(div.querySelector('.head')!, 'Deploy')!.click());
    await settle(client);
    expect(changes(calls)[1]).toEqual({ method: 'POST', url: '/api/stacks/shop/deploy', body: {} });
    expect(div.querySelector('.head .action [role="alert"]')!.textContent).toBe('web did not become healthy within 120 s (web)');
  });

  it('takes the stack down with its volumes only when asked, and names the volumes after the answer', async () => {
    const calls = serve((c) => (c.url.endsWith('/down')
      ? json(200, { removed_containers: ['shop-web-1'], removed_networks: ['shop_default'], removed_volumes: ['shop_pgdata'], kept_volumes: [] })
      : undefined));
    const { div, client } = await open('developer');
    act(() => button(div.querySelector('.head')!, 'Down')!.click());
    const dialog = div.querySelector('[role="alertdialog"]')!;
    expect(dialog.querySelector('h2')!.textContent).toBe('Take shop down?');
    expect([...dialog.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['shop-web-1']);
    const box = dialog.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(box.closest('label')!.textContent).toContain('Also remove named volumes');
    expect(box.checked).toBe(false);
    act(() => box.click());
    await confirmIn(div, 'Down and remove volumes', client);
    expect(changes(calls)).toEqual([{ method: 'POST', url: '/api/stacks/shop/down', body: { volumes: true } }]);
    expect(div.querySelector('.stack-down [role="status"]')!.textContent)
      .toBe('Removed 1 container and 1 network. Volumes removed: shop_pgdata. Volumes kept: none.');
  });

  it('sends an unchanged secret back as null and a typed one as its value (Env tab)', async () => {
    const calls = serve((c) => (c.method === 'PUT' ? json(200, shop) : undefined));
    const { div, client } = await open('developer', 'env');
    const secret = div.querySelector<HTMLInputElement>('input[aria-label="Value of API_KEY"]')!;
    expect([secret.value, secret.type, secret.placeholder]).toEqual(['', 'password', '••• (stored)']);
    expect(div.querySelector<HTMLInputElement>('input[aria-label="API_KEY is secret"]')!.checked).toBe(true);
    expect(button(div, 'Save variables')!.disabled).toBe(true);  // nothing changed yet

    act(() => typeInto(div.querySelector<HTMLInputElement>('input[aria-label="Value of MODE"]')!, 'dev'));
    await act(async () => button(div, 'Save variables')!.click());
    await settle(client);
    expect(changes(calls)).toEqual([{ method: 'PUT', url: '/api/stacks/shop', body: { env: { API_KEY: { value: null, secret: true }, MODE: { value: 'dev', secret: false } } } }]);

    act(() => typeInto(div.querySelector<HTMLInputElement>('input[aria-label="Value of API_KEY"]')!, 'n3w'));
    await act(async () => button(div, 'Save variables')!.click());
    await settle(client);
    expect(changes(calls)[1].body).toEqual({ env: { API_KEY: { value: 'n3w', secret: true }, MODE: { value: 'prod', secret: false } } });
  });

  it('saves exactly the edited text, shows a refused file\'s issues in the editor, and saves then deploys', async () => {
    let refuse = true;
    const edited = `${COMPOSE}  cache:\n    imagee: redis\n`;
    const calls = serve((c) => {
      if (c.method === 'PUT' && refuse) {
        return json(400, { error: { code: 'invalid_compose', message: 'compose.yaml:9: services.cache.imagee: unknown key', field: 'compose',
          issues: [{ file: 'compose.yaml', line: 9, key: 'services.cache.imagee', message: 'unknown key' }] } });
      }
      if (c.method === 'PUT') return json(200, { ...shop, compose: (c.body as { compose: string }).compose });
      if (c.url.endsWith('/deploy')) return json(200, { revision: 3, services: [{ service: 'web', container: 'shop-web-1', id: 'x', outcome: 'unchanged' }], removed_orphans: [], recovered: [] });
      return undefined;
    });
    const { div, client } = await open('developer', 'compose');
    const view = await editorIn(div);
    expect(view.state.sliceDoc()).toBe(COMPOSE);
    typeText(view, edited);
    await act(async () => button(div, 'Save')!.click());
    await settle(client);
    expect(changes(calls)).toEqual([{ method: 'PUT', url: '/api/stacks/shop', body: { compose: edited } }]);
    expect(markedLines(view)).toEqual([[9, 'line 9: services.cache.imagee: unknown key']]);
    expect(div.textContent).toContain('Unsaved changes');

    refuse = false;
    const fixed = edited.replace('imagee', 'image');
    typeText(view, fixed);
    await act(async () => button(div, 'Save & Deploy')!.click());
    await settle(client);
    await wait(20);
    await settle(client);
    expect(changes(calls).slice(1)).toEqual([
      { method: 'PUT', url: '/api/stacks/shop', body: { compose: fixed } },
      { method: 'POST', url: '/api/stacks/shop/deploy', body: {} },
    ]);
    expect(div.querySelector('.toasts')!.textContent).toContain('Revision 3 of shop deployed: web unchanged');
  });

  it('lists the revisions and shows the compose file a chosen one deployed', async () => {
    serve();
    const { div, client } = await open('viewer', 'revisions');
    await settle(client);
    const failed = div.querySelector('tr[data-revision="1"]')!;
    expect(failed.textContent).toContain('failed');
    expect(failed.textContent).toContain('db exited (1)');
    expect(failed.textContent).toContain('vic');
    act(() => button(failed, '1: show its compose file')!.click());
    expect(div.querySelector('pre[aria-label="Compose file of revision 1"]')!.textContent).toBe('services:\n  db:\n    image: pg:15\n');
  });
});
