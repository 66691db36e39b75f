// The networks list's search, subnet line, aliases and links.
import { describe, expect, it } from 'vitest';
import { aliasesOf, filterNetworks, networkHref, networksHref, subnetsOf } from './networkFilter';
import type { Network } from '../../shared/api/types';

const net = (name: string, o: Partial<Network> = {}): Network => ({
  id: `${name}-id`, short_id: name, name, host: 'local', driver: 'bridge', scope: 'local', created_at: '', internal: false,
  attachable: false, ipv6: false, subnets: [], labels: {}, options: {}, containers: [], builtin: false, managed: false,
  app_id: null, app_name: null, ...o,
});

describe('networks', () => {
  it('searches names, drivers, subnets and the attached containers', () => {
    const rows = [net('web', { subnets: [{ subnet: '10.20.0.0/24', gateway: '10.20.0.1', ip_range: '' }] }),
      net('lan', { driver: 'macvlan', containers: [{ id: 'c', name: 'printer', ipv4_address: '192.168.1.7', ipv6_address: '', mac_address: '', aliases: [], app_id: null, app_name: null }] })];
    expect(filterNetworks(rows, '10.20').map((n) => n.name)).toEqual(['web']);
    expect(filterNetworks(rows, 'MACVLAN').map((n) => n.name)).toEqual(['lan']);
    expect(filterNetworks(rows, '192.168.1.7').map((n) => n.name)).toEqual(['lan']);
    expect(filterNetworks(rows, ' ')).toHaveLength(2);
  });

  it('says a subnet with its gateway, and none as a dash', () => {
    expect(subnetsOf(net('a', { subnets: [{ subnet: '10.1.0.0/16', gateway: '10.1.0.1', ip_range: '' }] }))).toBe('10.1.0.0/16 via 10.1.0.1');
    expect(subnetsOf(net('a'))).toBe('—');
  });

  it('splits aliases and builds links that keep the host', () => {
    expect(aliasesOf(' db, cache  web,')).toEqual(['db', 'cache', 'web']);
    expect(networksHref('local')).toBe('/networks');
    expect(networksHref('build 1')).toBe('/networks?host=build%201');
    expect(networkHref({ id: 'abc', host: 'far' })).toBe('/networks/abc?host=far');
  });
});
