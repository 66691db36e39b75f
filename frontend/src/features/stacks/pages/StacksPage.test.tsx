// The Stacks list: each stack's name (a link to its page), its status as a badge (word and tone),
// running of total, its source and last deploy; the empty state; New stack for developers only.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../shared/testing/dom';
import { settle } from '../../../shared/testing/render';
import { renderAs, userAs } from '../../../shared/testing/roles';
import { blog, revision, shop } from '../fixtures';
import StacksPage from './StacksPage';

const failed = { ...shop, name: 'api', status: 'stopped' as const, running: 0, last_revision: revision(5, { status: 'failed', service: 'web', error: 'web did not become healthy' }) };
const cells = (div: HTMLElement, name: string) => [...div.querySelector(`tr[data-stack="${name}"]`)!.querySelectorAll('td')];

afterEach(() => vi.unstubAllGlobals());

describe('StacksPage', () => {
  it('lists each stack with its status badge, running of total, source and last deploy', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { stacks: [shop, blog, failed] })));
    const { div, client } = renderAs(userAs('viewer'), <StacksPage />);
    await settle(client);
    expect(div.querySelector('[role="status"]')!.textContent).toBe('3 stacks');
    const row = cells(div, 'shop');
    expect(row[0].querySelector('a')!.getAttribute('href')).toBe('/stacks/shop');
    const badge = row[1].querySelector('.badge')!;
    expect([badge.textContent, badge.className]).toEqual(['partial', 'badge busy']);
    expect(row[2].textContent).toBe('1/2');
    expect(row[3].textContent).toBe('Rivetr');
    expect(row[4].textContent).toMatch(/^revision 2 deployed by vic, /);

    const b = cells(div, 'blog');
    expect([b[1].textContent, b[1].querySelector('.badge')!.className]).toEqual(['not deployed', 'badge muted']);
    expect(b[2].textContent).toBe('0/1');
    expect(b[3].textContent).toContain('adopted');
    expect(b[4].textContent).toBe('never');

    const f = cells(div, 'api');
    expect([f[1].textContent, f[1].querySelector('.badge')!.className]).toEqual(['stopped', 'badge muted']);
    expect(f[4].textContent).toMatch(/^revision 5 failed at web by vic/);
  });

  it('says what to do when there is none, and offers New stack to developers only', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { stacks: [] })));
    const dev = renderAs(userAs('developer'), <StacksPage />);
    await settle(dev.client);
    expect(dev.div.querySelector('.state.empty')!.textContent).toContain('No stacks yet.');
    expect(dev.div.querySelector('a[href="/stacks/new"]')!.textContent).toBe('New stack');

    const viewer = renderAs(userAs('viewer'), <StacksPage />);
    await settle(viewer.client);
    expect(viewer.div.querySelector('a[href="/stacks/new"]')).toBeNull();
    const gated = viewer.div.querySelector('[role="link"][aria-disabled="true"]')!;
    expect(gated.textContent).toBe('New stack');
    expect(gated.getAttribute('title')).toBe('Viewers cannot create stacks — ask an admin for the developer role');
  });
});
