// What the Networks page shows of a network in a line, and which networks a search matches.
import type { Network } from '../../shared/api/types';
import { hostQuery } from '../hosts/perHost';

/** Its subnets, "10.20.0.0/24 via 10.20.0.1", or "—" when the engine addresses it without one. */
export function subnetsOf(n: Pick<Network, 'subnets'>): string {
  return n.subnets.map((s) => (s.gateway ? `${s.subnet} via ${s.gateway}` : s.subnet)).join(', ') || '—';
}

/** Case-insensitive, in the name, id, driver, subnets and the attached containers' names and addresses. */
export function filterNetworks(rows: Network[], q: string): Network[] {
  const needle = q.trim().toLowerCase();
  if (!needle) return rows;
  return rows.filter((n) =>
    [n.name, n.id, n.driver, subnetsOf(n), ...n.containers.flatMap((c) => [c.name, c.ipv4_address])]
      .some((s) => s.toLowerCase().includes(needle)));
}

/** Splits "db, cache web" into aliases. */
export function aliasesOf(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** The networks page's URL for a host (the local engine needs no ?host=). */
export const networksHref = (host: string) => `/networks${hostQuery(host)}`;
export const networkHref = (n: Pick<Network, 'id' | 'host'>) =>
  `/networks/${encodeURIComponent(n.id)}${hostQuery(n.host)}`;
