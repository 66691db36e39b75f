// App URLs through the proxy (scheme from the certificate, non-standard ports) and webhook URLs.
import { describe, expect, it } from 'vitest';
import { appUrl, domainUrl, primaryDomain, webhookUrl } from './appUrl';

const plain = { http_port: 80, https_port: 443, tls: false };
const tls = { http_port: 80, https_port: 443, tls: true };

describe('domainUrl', () => {
  it('leaves out the standard ports', () => {
    expect(domainUrl('shop.example.com', plain)).toBe('http://shop.example.com');
    expect(domainUrl('shop.example.com', tls, 'valid')).toBe('https://shop.example.com');
  });
  it('carries the proxy port when it is not 80/443', () => {
    expect(domainUrl('shop.example.com', { http_port: 8000, https_port: 8443, tls: false })).toBe('http://shop.example.com:8000');
    expect(domainUrl('shop.example.com', { http_port: 8000, https_port: 8443, tls: true }, 'renewing')).toBe('https://shop.example.com:8443');
    expect(domainUrl('shop.example.com', { http_port: 443, https_port: 80, tls: false })).toBe('http://shop.example.com:443');
  });
  it('uses https only for a certificate a browser accepts', () => {
    for (const state of ['pending', 'failed', 'expired', 'none', undefined]) {
      expect(domainUrl('shop.example.com', tls, state)).toBe('http://shop.example.com');
    }
    expect(domainUrl('shop.example.com', plain, 'valid')).toBe('http://shop.example.com');  // no TLS listener
  });
  it('assumes the standard HTTP port before the system figures arrive, and has no URL for a wildcard', () => {
    expect(domainUrl('shop.example.com')).toBe('http://shop.example.com');
    expect(domainUrl('*.example.com', plain)).toBeNull();
  });
});

describe('primaryDomain', () => {
  it('prefers a domain the user gave over the generated one, and skips wildcards', () => {
    expect(primaryDomain({ domains: ['a.203.0.113.7.sslip.io', 'shop.example.com'], generated_domain: 'a.203.0.113.7.sslip.io' })).toBe('shop.example.com');
    expect(primaryDomain({ domains: ['shop.203.0.113.7.sslip.io'], generated_domain: 'shop.203.0.113.7.sslip.io' })).toBe('shop.203.0.113.7.sslip.io');
    expect(primaryDomain({ domains: ['*.example.com', 'www.example.com'], generated_domain: null })).toBe('www.example.com');
    expect(primaryDomain({ domains: ['*.example.com'], generated_domain: null })).toBeUndefined();
    expect(primaryDomain({ domains: [], generated_domain: null })).toBeUndefined();
  });
});

describe('appUrl', () => {
  it('opens the primary domain through the proxy, or nothing', () => {
    const proxy = { http_port: 8000, https_port: 8443, tls: false };
    expect(appUrl({ domains: ['shop.203.0.113.7.sslip.io'], generated_domain: 'shop.203.0.113.7.sslip.io' }, proxy)).toBe('http://shop.203.0.113.7.sslip.io:8000');
    expect(appUrl({ domains: [], generated_domain: null }, proxy)).toBeNull();
  });
});

describe('webhookUrl', () => {
  it('is built on the public URL when set, else on the dashboard origin', () => {
    expect(webhookUrl('github', 'https://paas.example.com', 'http://127.0.0.1:8080')).toBe('https://paas.example.com/webhooks/github');
    expect(webhookUrl('gitea', 'https://paas.example.com/', 'x')).toBe('https://paas.example.com/webhooks/gitea');
    expect(webhookUrl('gitlab', null, 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/webhooks/gitlab');
  });
});
