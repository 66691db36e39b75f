// Environment variables: secrets stay masked (the server keeps a secret whose mask is sent back). Edits
// are a draft kept across tabs (envDrafts.ts) until saved; "Save and redeploy" releases them at once
// (the live image again, health-checked, no rebuild), since a restart keeps the variables it started with.
import { useState } from 'react';
import type { App } from '../../../shared/api/types';
import { fieldError, formError } from '../../../shared/data/useApiMutation';
import { KeyValueEditor, type Flag } from '../../../shared/ui/KeyValueEditor';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { envDraft, keepEnvDraft, withPasted, type EnvRow } from '../envDrafts';
import { useEnv, useSaveEnv, useSaveEnvAndRedeploy } from '../queries';
import { EnvPasteDialog } from './EnvPasteDialog';

const MASK = '********';
const FLAGS: Flag<EnvRow>[] = [
  { field: 'secret', header: 'Secret', label: (k) => `${k} is secret` },
  { field: 'build_time', header: 'Build time', label: (k) => `${k} is available at build time` },
];
export const RESTART_KEEPS_ENV = 'Restart does not apply changed variables — Save and redeploy does.';

export function EnvEditor({ app, onRedeployed }: { app: App; onRedeployed?: (deploymentId: string) => void }) {
  const env = useEnv(app.id);
  const [draft, setDraft] = useState<EnvRow[] | null>(() => envDraft(app.id));
  const [pasting, setPasting] = useState(false);
  const [last, setLast] = useState<'save' | 'redeploy'>('save');
  const saved = () => setDraft(keepEnvDraft(app.id, null, undefined));
  const save = useSaveEnv(app.id, saved);
  const redeploy = useSaveEnvAndRedeploy(app.id, (id) => { saved(); onRedeployed?.(id); });
  const vars = draft ?? env.data;

  if (!vars) return env.error ? <ErrorState error={env.error} /> : <LoadingState />;
  const edit = (rows: EnvRow[]) => setDraft(keepEnvDraft(app.id, rows, env.data));
  const failed = last === 'save' ? save.error : redeploy.error;
  // The server names a variable's problem as field "env.KEY": it goes on that row.
  const whole = formError(failed, vars.map((v) => `env.${v.key}`));
  const busy = save.isPending || redeploy.isPending;
  const noLive = !app.live_deployment_id;
  return (
    <div>
      {app.env_pending && (
        <p role="status" className="banner warn">Variables changed since the live deployment started. {RESTART_KEEPS_ENV}</p>
      )}
      <KeyValueEditor<EnvRow> rows={vars} onChange={edit} className="env" addLabel="Add variable"
        newRow={() => ({ key: '', value: '', secret: false, build_time: false })} flags={FLAGS}
        keyError={(v) => fieldError(failed, `env.${v.key}`)}
        valueProps={(v, update) => ({
          type: v.secret ? 'password' : 'text',
          placeholder: v.secret && v.value === MASK ? 'unchanged' : '',
          onFocus: () => { if (v.secret && v.value === MASK) update({ value: '' }); },
          onBlur: () => { if (v.secret && v.value === '' && v.updated_at) update({ value: MASK }); },
        })} />{' '}
      <RoleGate min="developer" action="change environment variables"><button type="button" onClick={() => setPasting(true)}>Paste .env</button></RoleGate>
      <div className="actions env-save">
        <RoleGate min="developer" action="change environment variables">
          <button type="button" onClick={() => { setLast('save'); save.mutate(vars); }} disabled={busy} aria-busy={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save variables'}
          </button>
        </RoleGate>
        <RoleGate min="developer" action="redeploy apps">
          <button type="button" className="primary" onClick={() => { setLast('redeploy'); redeploy.mutate(vars); }}
            disabled={busy || noLive} aria-busy={redeploy.isPending} aria-describedby="env-save-help">
            {redeploy.isPending ? 'Redeploying…' : 'Save and redeploy'}
          </button>
        </RoleGate>
        {draft && <span className="note" role="status">Unsaved changes (kept while you look at other tabs)</span>}
      </div>
      <p id="env-save-help" className="muted">
        {noLive
          ? 'Nothing is live yet: the first Deploy starts with these variables.'
          : 'Save: the next deployment uses them. Save and redeploy: the live image starts again with them, ' +
            'health-checked, without a rebuild (build-time variables reach the image only with a Deploy).'}
      </p>
      {whole && <p role="alert" className="note bad">{whole}</p>}
      {pasting && (
        <EnvPasteDialog onCancel={() => setPasting(false)}
          onAdd={(p) => { setPasting(false); edit(withPasted(vars, p.vars, p.secret)); }} />
      )}
    </div>
  );
}
