// Where a browser reaches an app (scheme, host, the proxy's port when not 80/443) and where a git
// provider posts its webhooks: built in one place for the app list, the app page and the webhook tab.
import type { App, CertificateState, SystemInfo } from '../../shared/api/types';

export type ProxyAddress = SystemInfo['proxy'];

/** Certificate states under which the proxy answers HTTPS for a domain without a browser error. */
const SERVED_OVER_TLS: ReadonlySet<string> = new Set<CertificateState>(['valid', 'renewing']);

/**
 * The URL of `domain` through the proxy. https only when the proxy serves TLS and the domain has a
 * certificate a browser accepts (`certState` from /api/apps/{id}/certificates); without a known
 * state, http, which the proxy always answers, rather than a link that may show a certificate error.
 * null for a wildcard domain: there is no single host to open.
 */
export function domainUrl(domain: string, proxy?: ProxyAddress, certState?: string): string | null {
  if (domain.startsWith('*.')) return null;
  const https = !!proxy?.tls && certState !== undefined && SERVED_OVER_TLS.has(certState);
  const port = https ? (proxy?.https_port ?? 443) : (proxy?.http_port ?? 80);
  const standard = port === (https ? 443 : 80);
  return `${https ? 'https' : 'http'}://${domain}${standard ? '' : `:${port}`}`;
}

/** The domain an app is shown at: the first the user gave, else the generated one; never a wildcard. */
export function primaryDomain(app: Pick<App, 'domains' | 'generated_domain'>): string | undefined {
  const openable = app.domains.filter((d) => !d.startsWith('*.'));
  return openable.find((d) => d !== app.generated_domain) ?? openable[0];
}

/** The app's own URL (its primary domain through the proxy), or null when it has none to open. */
export function appUrl(app: Pick<App, 'domains' | 'generated_domain'>, proxy?: ProxyAddress, certState?: string): string | null {
  const domain = primaryDomain(app);
  return domain === undefined ? null : domainUrl(domain, proxy, certState);
}

/** The payload URL for `provider`: on [server] public_url when set, else on the dashboard's own origin. */
export function webhookUrl(provider: string, publicUrl: string | null | undefined, origin: string): string {
  return `${(publicUrl || origin).replace(/\/+$/, '')}/webhooks/${provider}`;
}
