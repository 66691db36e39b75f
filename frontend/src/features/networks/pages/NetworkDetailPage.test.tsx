// A network's page: the attached containers with their addresses, Disconnect refused for an app's
// container with the server's reason shown, and Delete's refusal while containers are attached.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Route } from 'wouter';
import type { Network } from '../../../shared/api/types';
import { navigate } from '../../../shared/router';
import { button, json } from '../../../shared/testing/dom';
import { confirmIn, settle } from '../../../shared/testing/render';
import { renderAs, userAs } from '../../../shared/testing/roles';
import NetworkDetailPage from './NetworkDetailPage';

const network: Network = {
  id: 'n'.repeat(64), short_id: 'nnnnnnnnnnnn', name: 'web', host: 'build1', driver: 'bridge', scope: 'local', created_at: '',
  internal: false, attachable: true, ipv6: false, subnets: [{ subnet: '10.20.0.0/24', gateway: '10.20.0.1', ip_range: '' }],
  labels: {}, options: {}, builtin: false, managed: false, app_id: null, app_name: null,
  containers: [{ id: 'c1', name: 'shop-web', ipv4_address: '10.20.0.5', ipv6_address: '', mac_address: '', aliases: ['db'], app_id: 'app_1', app_name: 'shop' }],
};
afterEach(() => vi.restoreAllMocks());

describe('NetworkDetailPage', () => {
  it('lists the containers with their addresses and shows the server\'s refusals', async () => {
    const refusal = 'container c1 belongs to app shop: the proxy reaches it over its networks, so they change only with its deployments';
    const inUse = 'network web is in use by shop-web: disconnect or remove them first';
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
      const u = String(url);
      if (u.startsWith('/api/containers')) return json(200, { containers: [], unreachable: [] });
      if (u.endsWith('/disconnect?host=build1')) return json(409, { error: { code: 'app_container', message: refusal } });
      if (init?.method === 'DELETE') return json(409, { error: { code: 'network_in_use', message: inUse } });
      return json(200, network);
    });
    act(() => navigate(`/networks/${network.id}?host=build1`));
    const { div, client } = renderAs(userAs('developer'), <Route path="/networks/:id" component={NetworkDetailPage} />);
    await settle(client);
    expect(fetch.mock.calls.some(([u]) => String(u) === `/api/networks/${network.id}?host=build1`)).toBe(true);
    const row = div.querySelector('[data-container-id="c1"]')!;
    expect(row.textContent).toContain('10.20.0.5');
    expect(row.textContent).toContain('db');
    expect(row.textContent).toContain('shop');

    act(() => button(row, 'Disconnect shop-web')!.click());
    await confirmIn(div, 'Disconnect', client);
    expect(row.querySelector('[role="alert"]')?.textContent).toBe(refusal);

    act(() => button(div, 'Delete network')!.click());
    await confirmIn(div, 'Remove network', client);
    expect([...div.querySelectorAll('[role="alert"]')].map((a) => a.textContent)).toContain(inUse);
  });
});
