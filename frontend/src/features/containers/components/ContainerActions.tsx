// What a developer can do to one container: the engine's actions for its state (stop with a grace
// period), rename, clone (as is, or with changes in the wizard), edit, remove (with or without its
// anonymous volumes); admins also open a terminal. Viewers see none of it. A refusal (an app's
// container) stays beside its button with the server's message, which names the app.
import { useState, type FormEvent } from 'react';
import type { ContainerDetail } from '../../../shared/api/types';
import { fieldError } from '../../../shared/data/useApiMutation';
import { Link, navigate } from '../../../shared/router';
import { useCan } from '../../../shared/session/can';
import { Action } from '../../../shared/ui/Action';
import { hostQuery } from '../../hosts/perHost';
import { containerHref } from '../keys';
import { useCloneContainer, useContainerAction, useRemoveContainer, useRenameContainer, type ContainerAction } from '../queries';

type Props = { detail: ContainerDetail; id: string; host: string; name: string; state: string };

const FOR_STATE: Record<string, ContainerAction[]> = {
  running: ['stop', 'restart', 'pause', 'kill'], paused: ['unpause', 'kill'], restarting: ['stop', 'kill'],
};
const LABEL: Record<ContainerAction, string> = { start: 'Start', stop: 'Stop', restart: 'Restart', pause: 'Pause', unpause: 'Unpause', kill: 'Kill' };

function EngineActions({ id, host, name, state }: Omit<Props, 'detail'>) {
  const act = useContainerAction(id, host, name);
  const [grace, setGrace] = useState(10);
  const actions = FOR_STATE[state] ?? ['start'];
  return (
    <div className="actions" role="group" aria-label="Container actions">
      {actions.map((a) => (
        <Action key={a} mutation={act} vars={{ action: a, grace }} variant={a === 'start' ? 'primary' : a === 'kill' ? 'danger' : 'plain'} busyLabel="Working…"
          confirm={a === 'kill' || a === 'stop' ? { title: `${LABEL[a]} ${name}?`, body: a === 'stop' ? `It gets ${grace} s to stop before it is killed.` : 'It is killed at once (SIGKILL).', confirmLabel: `${LABEL[a]} ${name}` } : undefined}>
          {LABEL[a]}
        </Action>
      ))}
      {actions.includes('stop') && (
        <label className="grace">Grace (s)<input type="number" min={0} max={3600} value={grace} onChange={(e) => setGrace(Math.max(0, Math.min(3600, Number(e.target.value) || 0)))} /></label>
      )}
    </div>
  );
}

function NameForm({ form, label, submit, initial, mutation }: { form: string; label: string; submit: string; initial: string; mutation: { mutate: (n: string) => void; isPending: boolean; error: unknown } }) {
  const [name, setName] = useState(initial);
  const onSubmit = (e: FormEvent) => { e.preventDefault(); mutation.mutate(name.trim()); };
  const err = fieldError(mutation.error, 'name') ?? (mutation.error ? String((mutation.error as Error).message) : undefined);
  return (
    <form className="inline name-form" onSubmit={onSubmit} aria-label={form}>
      <label>{label}<input value={name} onChange={(e) => setName(e.target.value)} required aria-invalid={err ? true : undefined} /></label>
      <button type="submit" disabled={mutation.isPending || !name.trim()} aria-busy={mutation.isPending}>{submit}</button>
      {err && <span role="alert" className="note bad">{err}</span>}
    </form>
  );
}

function Remove({ id, host, name, state, app }: Omit<Props, 'detail'> & { app: ContainerDetail['app'] }) {
  const [volumes, setVolumes] = useState(false);
  const remove = useRemoveContainer(id, host, name, () => navigate('/containers'));
  const running = state === 'running' || state === 'paused' || state === 'restarting';
  return (
    <div className="actions">
      <label className="check"><input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} /> also its anonymous volumes</label>
      <Action mutation={remove} vars={{ volumes, force: running }} variant="danger" busyLabel="Removing…"
        confirm={{ title: `Remove ${name}?`, body: `${running ? 'It is stopped, then removed. ' : ''}${volumes ? 'Its anonymous volumes go with it.' : 'Its volumes stay.'}${app ? ` It belongs to the app ${app.name}.` : ''}`, items: [name], confirmLabel: `Remove ${name}` }}>
        Remove
      </Action>
    </div>
  );
}

export function ContainerActions({ detail, id, host, name, state }: Props) {
  const canAct = useCan('developer', 'act on containers').allowed;
  const isAdmin = useCan('admin', 'open terminals').allowed;
  const rename = useRenameContainer(id, host, (n) => navigate(containerHref({ id: n, host }), true));
  const clone = useCloneContainer(id, host, (o) => navigate(containerHref({ id: o.id, host })));
  if (!canAct) return <p className="hint">Viewers read only.</p>;
  const q = `${hostQuery(host, false)}`;
  return (
    <div className="card container-actions">
      <EngineActions id={id} host={host} name={name} state={state} />
      <div className="actions">
        <Link className="button" href={`/containers/new?edit=${encodeURIComponent(id)}${q}`}>Edit</Link>
        <Link className="button" href={`/containers/new?clone=${encodeURIComponent(id)}${q}`}>Clone with changes</Link>
        {isAdmin && detail.terminal_enabled && state === 'running' && (
          <Link className="button" href={`/containers/${encodeURIComponent(name)}/terminal${hostQuery(host)}`}>Open terminal</Link>
        )}
      </div>
      <div className="actions">
        <NameForm key={`r-${name}`} form="Rename the container" label="New name" submit="Rename" initial={name} mutation={rename} />
        <NameForm key={`c-${name}`} form="Clone the container" label="Clone as" submit="Clone" initial={`${name}-copy`} mutation={clone} />
      </div>
      <Remove id={id} host={host} name={name} state={state} app={detail.app} />
    </div>
  );
}
