// The app's domains, each with the state of its TLS certificate: a badge for the state, the expiry
// date, and — when an order failed — the reason and the time of the next attempt, as text.
import type { Certificate } from '../../../shared/api/types';
import { until, utcDate } from '../../../shared/format';
import { ErrorState } from '../../../shared/ui/States';
import { domainUrl, type ProxyAddress } from '../appUrl';
import { useCertificates } from '../queries';

const TONE: Record<string, string> = {
  valid: 'ok', renewing: 'busy', pending: 'busy', expired: 'bad', failed: 'bad', wildcard: 'muted', none: 'muted',
};

/** What a reader needs to know about one certificate, in words. */
export function certificateDetail(c: Certificate, info: { tls: boolean; acme: boolean }, now = Date.now()): string {
  const expires = c.not_after ? `expires ${utcDate(c.not_after)} (${until(c.not_after, now)})` : '';
  const retry = c.retry_at ? `next attempt ${until(c.retry_at, now)} (${c.retry_at})` : '';
  switch (c.state) {
    case 'valid': return expires;
    case 'renewing': return [expires, 'renewal under way'].filter(Boolean).join('; ');
    case 'expired': return [c.not_after ? `expired ${utcDate(c.not_after)}` : 'expired', c.error, retry].filter(Boolean).join('; ');
    case 'pending': return ['no certificate yet; ACME will order one', retry].filter(Boolean).join('; ');
    case 'failed': return [`order failed: ${c.error ?? 'no reason given'}`, retry].filter(Boolean).join('; ');
    case 'wildcard': return 'ACME HTTP-01 cannot issue a wildcard certificate; install one yourself';
    case 'none':
      if (!info.tls) return 'the proxy serves plain HTTP only';
      return info.acme ? 'no certificate' : 'no certificate and ACME is off';
    default: return [expires, c.error].filter(Boolean).join('; ');
  }
}

export function CertificateBadge({ state }: { state: string }) {
  return <span className={`badge ${TONE[state] ?? 'muted'}`}><span className="sr-only">Certificate: </span>{state}</span>;
}

export function DomainCertificates({ appId, domains, proxy }: { appId: string; domains: string[]; proxy?: ProxyAddress }) {
  const certs = useCertificates(appId, domains);
  if (domains.length === 0) return <p className="meta">Domains: none</p>;
  const info = certs.data ?? { tls: false, acme: false, certificates: [] };
  const byDomain = new Map(info.certificates.map((c) => [c.domain, c]));
  return (
    <div className="domains">
      <ul className="plain" aria-label="Domains and certificates">
        {domains.map((d) => {
          const c = byDomain.get(d);
          const detail = c ? certificateDetail(c, info) : '';
          const url = domainUrl(d, proxy, c?.state);
          return (
            <li key={d}>
              {url ? <a href={url} target="_blank" rel="noreferrer">{d}</a> : d}{' '}
              {c && <CertificateBadge state={c.state} />}{' '}
              {detail && <small className={c?.state === 'failed' || c?.state === 'expired' ? 'note bad' : 'hint'}>{detail}</small>}
            </li>
          );
        })}
      </ul>
      {certs.error && <ErrorState error={certs.error} prefix="Certificate state unavailable" />}
    </div>
  );
}
