// An app's address as a link that opens it in a new tab: in the apps list and, prominently, on its page.
import type { App } from '../../../shared/api/types';
import { appUrl, primaryDomain, type ProxyAddress } from '../appUrl';

/** The list's cell: the URL, and how many more domains the app answers on. */
export function AppLinkCell({ app, url }: { app: App; url: string | null }) {
  if (!url) return <>—</>;
  const more = app.domains.length - 1;
  return (
    <>
      <a href={url} target="_blank" rel="noreferrer">{url}</a>
      {more > 0 && <small className="hint"> +{more} more</small>}
    </>
  );
}

/** The app page's headline address; says how to get one when there is none. */
export function AppUrl({ app, proxy, certState }: { app: App; proxy?: ProxyAddress; certState?: string }) {
  const url = appUrl(app, proxy, certState);
  if (!url) {
    return <p className="app-url hint">No URL yet: give the app a domain in Settings ([server] base_domain gives new apps one).</p>;
  }
  const generated = primaryDomain(app) === app.generated_domain;
  return (
    <p className="app-url">
      <a href={url} target="_blank" rel="noreferrer" aria-label={`Open ${app.name} at ${url}`}>{url}</a>
      {generated && <small className="hint"> generated from the server's base domain</small>}
    </p>
  );
}
