// An app's status badge wherever the app is listed: the status word, and when its last deployment
// failed, in red "running · last deploy failed", a link to that deployment on the app's page (its
// error, already explained by the server, and its build log), with the error's first line as a tooltip.
import type { App, Deployment } from '../../../shared/api/types';
import { Link } from '../../../shared/router';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { stateLabel, type AppState } from '../appStatus';

/** The app page with one deployment selected (its error and build log shown). */
export function deploymentHref(appName: string, deploymentId: string): string {
  return `/apps/${encodeURIComponent(appName)}?tab=deployments&deployment=${encodeURIComponent(deploymentId)}`;
}

export const firstLine = (text: string | null | undefined) => (text ?? '').split('\n').find((l) => l.trim()) ?? '';

export function AppStatusBadge({ app, state }: { app: Pick<App, 'name'>; state: AppState }) {
  if (!state.failure) return <StatusBadge status={state.status} />;
  const why = firstLine(state.failure.error);
  return (
    <Link href={deploymentHref(app.name, state.failure.id)} className="badge bad" data-failed-deployment={state.failure.id}
      title={why ? `Why: ${why}` : 'See the failed deployment'}>
      {stateLabel(state)}
    </Link>
  );
}

/** The app page's explanation of its failed last deployment: what happened and the server's reason;
 * `onShow` (a button to its build log) when that log is not on screen already. */
export function FailureNote({ failure, onShow }: { failure: Deployment; onShow?: () => void }) {
  const kept = failure.status === 'rolled_back';
  return (
    <div className="failure" role="group" aria-label="Last deployment failed">
      <p>
        <strong>Last deploy failed</strong> <RelativeTime ts={failure.finished_at ?? failure.created_at} /> ({failure.id}){kept ? '; the previous version keeps serving' : ''}.
        {onShow && <> <button type="button" className="link underline" onClick={onShow}>Show its build log</button></>}
      </p>
      {failure.error && <pre className="failure-error">{failure.error}</pre>}
    </div>
  );
}
