// A new stack (/stacks/new): its name, its compose file in the editor (validated as it is typed, the
// issues on their lines) and its variables; Create stores them (nothing is started: Deploy on the stack's
// page does that), and a refused file's issues come back into the editor.
import { useState, type FormEvent } from 'react';
import { fieldError, formError } from '../../../shared/data/useApiMutation';
import { Field } from '../../../shared/ui/Field';
import { Link, navigate } from '../../../shared/router';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { ComposeWorkbench } from '../components/ComposeWorkbench';
import { StackEnvRows } from '../components/StackEnvRows';
import { composeIssuesOf } from '../composeIssues';
import { envBody, validationEnv, type StackEnvRow } from '../envVars';
import { stackHref, useCreateStack } from '../queries';
import '../stacks.css';

/** The server's rule for a stack's name: it names the compose project and its containers. */
export const STACK_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export default function NewStackPage() {
  const [name, setName] = useState('');
  const [compose, setCompose] = useState('');
  const [rows, setRows] = useState<StackEnvRow[]>([]);
  const create = useCreateStack((s) => navigate(stackHref(s.name)));
  const env = envBody(rows);
  const trimmed = name.trim();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name: trimmed, compose, ...(Object.keys(env).length ? { env } : {}) });
  };
  const issues = composeIssuesOf(create.error);
  const whole = issues ? undefined : formError(create.error, ['name', ...rows.map((r) => `env.${r.key.trim()}`)]);
  return (
    <section>
      <p><Link href="/stacks">← Stacks</Link></p>
      <h1 id="new-stack-title">New stack</h1>
      <form aria-labelledby="new-stack-title" onSubmit={submit} className="new-stack">
        <Field label="Name" error={fieldError(create.error, 'name')}
          hint="lower-case letters, digits, - and _ (it names the compose project and its containers)">
          <input className="mono" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />
        </Field>
        <ComposeWorkbench label="Compose file" text={compose} onChange={setCompose}
          name={STACK_NAME.test(trimmed) ? trimmed : undefined} env={validationEnv(rows)} saveError={create.error} />
        <fieldset>
          <legend>Variables</legend>
          <p className="hint">What the file interpolates (<code>${'{'}NAME{'}'}</code>); a secret is stored encrypted and never shown again.</p>
          <StackEnvRows rows={rows} onChange={setRows} error={create.error} />
        </fieldset>
        {whole && <p role="alert" className="note bad">{whole}</p>}
        <div className="actions">
          <RoleGate min="developer" action="create stacks">
            <button type="submit" className="primary" disabled={create.isPending || !trimmed || !compose.trim()} aria-busy={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create stack'}
            </button>
          </RoleGate>
        </div>
      </form>
    </section>
  );
}
