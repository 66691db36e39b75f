// Pruning volumes: the plan is shown first and nothing is removed; the confirmation sends exactly the
// names shown (a volume that became unused since is not among them).
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/api/types';
import { MeContext } from '../../../shared/session/me';
import { json } from '../../../shared/testing/dom';
import { renderInto, settle } from '../../../shared/testing/render';
import { VolumePrunePanel } from './VolumePrunePanel';

const me: Me = { actor_type: 'user', name: 'dev', role: 'developer' };
const button = (root: ParentNode, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text);
const plan = { host: 'local', dry_run: true, volumes: [{ name: 'old', size_bytes: 2048 }, { name: 'cache', size_bytes: null }],
  kept: [{ name: 'shopdata', reason: "belongs to the app 'shop'" }], size_bytes: 2048, outcomes: [], removed_size_bytes: 0 };

afterEach(() => vi.restoreAllMocks());

describe('VolumePrunePanel', () => {
  it('shows the plan first, then removes exactly the names shown', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(json(200, plan))
      .mockResolvedValueOnce(json(200, { ...plan, dry_run: false, outcomes: [{ name: 'old', removed: true, error: null }, { name: 'cache', removed: true, error: null }], removed_size_bytes: 2048 }));
    const { div, client } = renderInto(<MeContext.Provider value={me}><VolumePrunePanel host="local" hostName="local" /></MeContext.Provider>);
    await act(async () => button(div, 'Preview prune')!.click());
    await settle(client);
    expect(JSON.parse(fetch.mock.calls[0][1]!.body as string)).toEqual({});
    const region = div.querySelector('[aria-label="Prune plan"]')!;
    expect(region.textContent).toContain('2 unused volumes would go');
    expect(region.textContent).toContain('unknown');
    expect(region.textContent).toContain("belongs to the app 'shop'");
    act(() => button(div, 'Prune these 2 volumes')!.click());
    await act(async () => button(div.querySelector('[role="alertdialog"]')!, 'Prune 2 volumes')!.click());
    await settle(client);
    expect(fetch.mock.calls[1][0]).toBe('/api/volumes/prune?host=local');
    expect(JSON.parse(fetch.mock.calls[1][1]!.body as string)).toEqual({ confirm: ['old', 'cache'] });
    expect(div.textContent).toContain('Pruned 2 volumes');
  });
});
