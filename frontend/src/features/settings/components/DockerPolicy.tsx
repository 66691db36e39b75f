// The Docker create policy (admins): the host directories non-admins may bind-mount, added and removed
// here and saved as one list; the server validates each root and its error shows under the list.
import { useEffect, useState, type FormEvent } from 'react';
import { fieldError, formError } from '../../../shared/data/useApiMutation';
import { Field } from '../../../shared/ui/Field';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { ErrorState } from '../../../shared/ui/States';
import { useDockerPolicy, useSaveDockerPolicy } from '../queries';

export function DockerPolicy() {
  const policy = useDockerPolicy();
  const save = useSaveDockerPolicy();
  const [roots, setRoots] = useState<string[]>([]);
  const [adding, setAdding] = useState('');
  // The list shown is the server's until the admin edits it; a save brings the saved list back.
  useEffect(() => { if (policy.data) setRoots(policy.data.allowed_bind_roots); }, [policy.data]);
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (adding.trim()) setRoots([...roots, adding.trim()]);
    setAdding('');
  };
  const error = fieldError(save.error, 'allowed_bind_roots');
  const whole = formError(save.error, ['allowed_bind_roots']);
  if (policy.error) return <ErrorState error={policy.error} />;
  return (
    <div>
      <p className="hint">
        Host directories developers may bind-mount into containers they create (and what is under them). Admins may
        bind anything; nobody else may mount the Docker socket. A saved change applies to the next create.
      </p>
      <p>Source: {policy.data?.source === 'saved' ? 'saved by an admin' : 'the config file ([docker] allowed_bind_roots)'}</p>
      <ul aria-label="Allowed bind roots">
        {roots.length === 0 && <li className="hint">none: developers may use named volumes only</li>}
        {roots.map((r, i) => (
          <li key={`${r}-${i}`}>
            <code>{r}</code>{' '}
            <button type="button" onClick={() => setRoots(roots.filter((_, j) => j !== i))}>Remove<span className="sr-only"> {r}</span></button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="inline" aria-label="Add a bind root">
        <Field label="Directory" error={error}><input value={adding} onChange={(e) => setAdding(e.target.value)} placeholder="/srv/data" /></Field>
        <button type="submit">Add</button>
      </form>
      <RoleGate min="admin" action="change the Docker policy">
        <button type="button" className="primary" disabled={save.isPending} aria-busy={save.isPending} onClick={() => save.mutate(roots)}>Save</button>
      </RoleGate>{' '}
      {policy.data?.source === 'saved' && (
        <RoleGate min="admin" action="change the Docker policy">
          <button type="button" disabled={save.isPending} onClick={() => save.mutate(null)}>Use the config file's</button>
        </RoleGate>
      )}
      {whole && <p role="alert" className="note bad">{whole}</p>}
      <p className="hint">Capabilities anyone may add: {(policy.data?.safe_capabilities ?? []).join(', ')}</p>
    </div>
  );
}
