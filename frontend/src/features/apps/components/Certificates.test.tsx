// Certificate state beside each domain: the badge a reader (and a screen reader) sees, the expiry,
// a failed order's reason and next attempt, and the domains still listed when the state is unknown.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Certificate } from '../../../shared/api/types';
import { renderInto, settle } from '../../../shared/testing/render';
import { certificateDetail, DomainCertificates } from './Certificates';
import { json } from '../../../shared/testing/dom';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const cert = (domain: string, state: Certificate['state'], extra: Partial<Certificate> = {}): Certificate =>
  ({ domain, state, not_after: null, error: null, retry_at: null, ...extra });
const NOW = Date.parse('2025-03-01T12:00:00Z');
const on = { tls: true, acme: true };

afterEach(() => vi.unstubAllGlobals());

describe('certificateDetail', () => {
  it('gives the expiry of a valid or renewing certificate', () => {
    expect(certificateDetail(cert('a.test', 'valid', { not_after: '2025-05-30T00:00:00Z' }), on, NOW)).toBe('expires 2025-05-30 (in 89 days)');
    expect(certificateDetail(cert('a.test', 'renewing', { not_after: '2025-03-20T00:00:00Z' }), on, NOW)).toBe('expires 2025-03-20 (in 18 days); renewal under way');
  });
  it('says why an order failed and when it is tried again', () => {
    const c = cert('a.test', 'failed', { error: 'urn:ietf:params:acme:error:connection: no answer on port 80', retry_at: '2025-03-01T12:30:00Z' });
    expect(certificateDetail(c, on, NOW)).toBe('order failed: urn:ietf:params:acme:error:connection: no answer on port 80; next attempt in 30m (2025-03-01T12:30:00Z)');
  });
  it('explains the states without a certificate', () => {
    expect(certificateDetail(cert('a.test', 'pending'), on, NOW)).toBe('no certificate yet; ACME will order one');
    expect(certificateDetail(cert('*.a.test', 'wildcard'), on, NOW)).toMatch(/cannot issue a wildcard/);
    expect(certificateDetail(cert('a.test', 'none'), { tls: false, acme: false }, NOW)).toBe('the proxy serves plain HTTP only');
    expect(certificateDetail(cert('a.test', 'none'), { tls: true, acme: false }, NOW)).toBe('no certificate and ACME is off');
    expect(certificateDetail(cert('a.test', 'expired', { not_after: '2025-02-01T00:00:00Z' }), on, NOW)).toBe('expired 2025-02-01');
  });
});

async function render(domains: string[]) {
  const { div, client } = renderInto(<DomainCertificates appId="app_1" domains={domains} />);
  await settle(client);
  return div;
}

describe('DomainCertificates', () => {
  it('shows each domain with its state badge, labelled for screen readers, and a failure in words', async () => {
    const fetchMock = vi.fn().mockResolvedValue(json(200, {
      tls: true, acme: true, certificates: [
        cert('shop.test', 'valid', { not_after: '2099-01-01T00:00:00Z' }),
        cert('www.shop.test', 'failed', { error: 'rate limited by the CA', retry_at: '2099-01-01T00:00:00Z' }),
      ],
    }));
    vi.stubGlobal('fetch', fetchMock);
    const div = await render(['shop.test', 'www.shop.test']);
    expect(fetchMock.mock.calls[0][0]).toBe('/api/apps/app_1/certificates');
    const items = [...div.querySelectorAll('li')];
    expect(items.map((li) => li.querySelector('.badge')?.textContent)).toEqual(['Certificate: valid', 'Certificate: failed']);
    expect(items[0].querySelector('.badge .sr-only')?.textContent).toBe('Certificate: ');
    expect(items[0].textContent).toContain('expires 2099-01-01');
    expect(items[1].querySelector('.note.bad')?.textContent).toMatch(/^order failed: rate limited by the CA; next attempt in \d+ days/);
  });

  it('still lists the domains and says the state is unavailable when the server cannot tell', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json(500, { error: { code: 'internal', message: 'store unavailable' } })));
    const div = await render(['shop.test']);
    expect(div.querySelector('li a')?.textContent).toBe('shop.test');
    expect(div.querySelector('li .badge')).toBeNull();
    expect(div.querySelector('[role="alert"]')?.textContent).toBe('Certificate state unavailable: store unavailable');
  });
});
