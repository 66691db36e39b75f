// Environment variables: secrets stay masked (the server keeps a secret whose mask is sent back).
import { useEffect, useState } from 'react';
import type { EnvVar } from '../../../shared/api/types';
import { fieldError, formError } from '../../../shared/data/useApiMutation';
import { KeyValueEditor, type Flag } from '../../../shared/ui/KeyValueEditor';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { useEnv, useSaveEnv } from '../queries';

const MASK = '********';
/** A row being edited: a new one has no updated_at yet. */
type EnvRow = Omit<EnvVar, 'updated_at'> & { updated_at?: string };
const FLAGS: Flag<EnvRow>[] = [
  { field: 'secret', header: 'Secret', label: (k) => `${k} is secret` },
  { field: 'build_time', header: 'Build time', label: (k) => `${k} is available at build time` },
];

export function EnvEditor({ appId }: { appId: string }) {
  const env = useEnv(appId);
  const save = useSaveEnv(appId);
  const [vars, setVars] = useState<EnvRow[] | null>(null);
  // The editor works on a copy; a save (or a first load) replaces it with what the server stored.
  useEffect(() => { if (env.data) setVars(env.data); }, [env.data]);

  if (!vars) return env.error ? <ErrorState error={env.error} /> : <LoadingState />;
  // The server names a variable's problem as field "env.KEY": it goes on that row.
  const whole = formError(save.error, vars.map((v) => `env.${v.key}`));
  return (
    <div>
      <KeyValueEditor<EnvRow> rows={vars} onChange={setVars} className="env" addLabel="Add variable"
        newRow={() => ({ key: '', value: '', secret: false, build_time: false })} flags={FLAGS}
        keyError={(v) => fieldError(save.error, `env.${v.key}`)}
        valueProps={(v, update) => ({
          type: v.secret ? 'password' : 'text',
          placeholder: v.secret && v.value === MASK ? 'unchanged' : '',
          onFocus: () => { if (v.secret && v.value === MASK) update({ value: '' }); },
          onBlur: () => { if (v.secret && v.value === '' && v.updated_at) update({ value: MASK }); },
        })} />{' '}
      <RoleGate min="developer" action="change environment variables"><button type="button" className="primary" onClick={() => save.mutate(vars)} disabled={save.isPending} aria-busy={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save variables'}
      </button></RoleGate>
      {whole && <p role="alert" className="note bad">{whole}</p>}
    </div>
  );
}
