// An app's deployments, newest first: status, commit, trigger, timing, the live one marked, and
// per deployment the actions that apply (cancel while in progress, roll back to an image that went
// live and is still kept: the server's rollback_available).
import type { App, Deployment } from '../../../shared/api/types';
import { IN_PROGRESS } from '../../../shared/api/types';
import { shortSha } from '../../../shared/format';
import { Action } from '../../../shared/ui/Action';
import { Duration } from '../../../shared/ui/Duration';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { CommitSummary } from './CommitSummary';
import { useCancelDeployment, useRollback } from '../queries';

interface Props {
  app: App;
  deps: Deployment[];
  selected: string | null;
  onSelect: (id: string) => void;
  onStarted: (deploymentId: string) => void;
}

function Row({ app, d, selected, onSelect, onStarted }: Omit<Props, 'deps' | 'selected'> & { d: Deployment; selected: boolean }) {
  const cancel = useCancelDeployment();
  const rollback = useRollback(onStarted);
  const live = d.id === app.live_deployment_id;
  return (
    <li className={selected ? 'selected' : ''}>
      <button type="button" className="link" onClick={() => onSelect(d.id)} aria-pressed={selected}>
        <StatusBadge status={d.status} /> <CommitSummary d={d} />
      </button>
      <small>
        {' '}{d.trigger}{d.rollback_of ? ` of ${d.rollback_of}` : ''} · <RelativeTime ts={d.created_at} /> <Duration from={d.started_at} to={d.finished_at} />
        {live && <strong> · live</strong>}
      </small>
      {d.error && <p className="note bad">{d.error}</p>}
      <span className="row-actions">
        {IN_PROGRESS.has(d.status) && (
          <RoleGate min="developer" action="cancel deployments"><Action mutation={cancel} vars={d} busyLabel="Cancelling…"
            confirm={{ title: `Cancel deployment ${d.id}?`, body: `The build of ${app.name} at ${shortSha(d.commit_sha)} stops; the live version keeps serving.`, confirmLabel: 'Cancel deployment' }}>
            Cancel
          </Action></RoleGate>
        )}
        {d.rollback_available && !live && (
          <RoleGate min="developer" action="roll back"><Action mutation={rollback} vars={d} busyLabel="Rolling back…"
            confirm={{ title: `Roll ${app.name} back to ${shortSha(d.commit_sha)}?`, body: 'The kept image of this deployment replaces the live version (no rebuild).', confirmLabel: 'Roll back', danger: false }}>
            Roll back to this
          </Action></RoleGate>
        )}
      </span>
    </li>
  );
}

export function Timeline({ app, deps, selected, onSelect, onStarted }: Props) {
  if (deps.length === 0) return <p>No deployments yet.</p>;
  return (
    <ol className="timeline" aria-label="Deployments, newest first">
      {deps.map((d) => <Row key={d.id} app={app} d={d} selected={d.id === selected} onSelect={onSelect} onStarted={onStarted} />)}
    </ol>
  );
}
