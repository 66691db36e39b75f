// An app's last webhook deliveries: who sent what, which commit, what Rivetr did with it and why, and
// what it answered; a deployed delivery links to its deployment. Live: the feed refreshes the list.
import type { WebhookDelivery } from '../../../shared/api/types';
import { shortSha } from '../../../shared/format';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/ui/States';
import { useDeliveries } from '../queries';

const TONE: Record<string, string> = { deployed: 'ok', pong: 'ok', ignored: 'muted', rejected: 'bad', failed: 'bad' };

const branchOf = (ref: string | null) => (ref ?? '').replace(/^refs\/heads\//, '');

interface Props {
  appId: string;
  /** Where a deployment's link leads (the app's Deployments tab with it selected). */
  deploymentHref: (deploymentId: string) => string;
  onOpenDeployment: (deploymentId: string) => void;
}

function Result({ d, deploymentHref, onOpenDeployment }: { d: WebhookDelivery } & Omit<Props, 'appId'>) {
  const dep = d.deployment_id;
  return (
    <>
      <span className={`badge ${TONE[d.result] ?? 'muted'}`}>{d.result}</span>{' '}
      {dep ? (
        <a href={deploymentHref(dep)} onClick={(e) => { e.preventDefault(); onOpenDeployment(dep); }}>{dep}</a>
      ) : (
        <small>{d.reason}</small>
      )}
    </>
  );
}

export function Deliveries({ appId, deploymentHref, onOpenDeployment }: Props) {
  const list = useDeliveries(appId);
  if (list.error) return <ErrorState error={list.error} prefix="Deliveries not loaded" retry={() => void list.refetch()} />;
  if (!list.data) return <LoadingState what="Loading deliveries…" />;
  if (list.data.length === 0) {
    return (
      <EmptyState title="No webhook deliveries yet">
        Add the hook in your repository with the payload URL and secret above: on GitHub under Settings → Webhooks →
        Add webhook (content type application/json), on GitLab under Settings → Webhooks (the secret is the
        &quot;Secret token&quot;), on Gitea under Settings → Webhooks → Add webhook → Gitea. Its first delivery (GitHub
        sends a ping) shows here; so does a test delivery.
      </EmptyState>
    );
  }
  return (
    <div className="table-scroll">
      <table aria-label="Webhook deliveries, newest first">
        <thead>
          <tr><th scope="col">When</th><th scope="col">Provider</th><th scope="col">Event</th><th scope="col">Branch / commit</th><th scope="col">Result</th><th scope="col">HTTP</th></tr>
        </thead>
        <tbody>
          {list.data.map((d) => (
            <tr key={d.id} data-delivery={d.delivery_id}>
              <td><RelativeTime ts={d.received_at} /></td>
              <td>{d.provider}</td>
              <td>{d.event}</td>
              <td>{d.ref ? <>{branchOf(d.ref)} <code>{shortSha(d.commit_sha)}</code></> : '—'}</td>
              <td><Result d={d} deploymentHref={deploymentHref} onOpenDeployment={onOpenDeployment} /></td>
              <td>{d.http_status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
