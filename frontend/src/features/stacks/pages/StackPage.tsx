// One stack (/stacks/:name, ?tab=): its services with their containers' state and health and the actions
// for the whole stack or one service; the Compose tab's editor (Save, Save & Deploy, the diff against the
// deployed file), the Env tab's stored variables (secrets write-only), and the revisions with the file
// each deployed. Unsaved edits of the Compose and Env tabs survive a switch of tabs.
import { useState } from 'react';
import { useParams } from 'wouter';
import { formError } from '../../../shared/data/useApiMutation';
import { Link, navigate, useLocation } from '../../../shared/router';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { panelId, tabId, Tabs } from '../../../shared/ui/Tabs';
import { containerHref } from '../../containers/keys';
import { ComposeWorkbench } from '../components/ComposeWorkbench';
import { EXTERNAL, StackActions } from '../components/StackActions';
import { StackEnvRows } from '../components/StackEnvRows';
import { DeleteStack, DownStack } from '../components/StackRemoval';
import { composeIssuesOf } from '../composeIssues';
import { envBody, envRows, sameEnv, validationEnv, type StackEnvRow } from '../envVars';
import { stackHref, useDeployStack, useSaveStack, useStack, useStackRevisions } from '../queries';
import { revisionLine, runningOf, SOURCE } from '../stackWords';
import type { StackDetail, StackRevision } from '../../../shared/api/types';
import '../stacks.css';

const TABS = [['services', 'Services'], ['compose', 'Compose'], ['env', 'Env'], ['revisions', 'Revisions']] as const;
type Tab = (typeof TABS)[number][0];

function Services({ stack }: { stack: StackDetail }) {
  if (stack.services.length === 0) return <p className="hint">The compose file has no services.</p>;
  return (
    <div className="table-scroll">
      <table aria-label="Services">
        <thead><tr><th scope="col">Service</th><th scope="col">State</th><th scope="col">Health</th><th scope="col">Container</th><th scope="col">Image</th><th scope="col">Actions</th></tr></thead>
        <tbody>{stack.services.map((s) => (
          <tr key={s.service} data-service={s.service}>
            <th scope="row">{s.service}</th>
            <td><StatusBadge status={s.state} /></td>
            <td>{s.health ? <StatusBadge status={s.health} /> : <span className="hint">—</span>}</td>
            <td>{s.id ? <Link href={containerHref({ id: s.id, host: 'local' })}>{s.container || s.id.slice(0, 12)}</Link> : <span className="hint">none</span>}</td>
            <td><code>{s.image || '—'}</code></td>
            <td><StackActions stack={stack} service={s.service} /></td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}

function ComposeTab({ stack, draft, setDraft }: { stack: StackDetail; draft: string | null; setDraft: (t: string | null) => void }) {
  const text = draft ?? stack.compose;
  const save = useSaveStack(stack.name, () => setDraft(null));
  const deploy = useDeployStack(stack.name);
  const [last, setLast] = useState<'save' | 'deploy'>('save');
  const external = stack.source === 'external';
  const busy = save.isPending || deploy.isPending;
  const failed = last === 'deploy' && !save.error ? deploy.error : save.error;
  const whole = composeIssuesOf(failed) ? undefined : formError(failed, []);
  const saveThen = (andDeploy: boolean) => {
    setLast(andDeploy ? 'deploy' : 'save');
    deploy.reset();
    if (andDeploy && draft === null) { save.reset(); deploy.mutate({}); return; }  // nothing to save: deploy as stored
    save.mutate({ compose: text }, { onSuccess: () => { if (andDeploy) deploy.mutate({}); } });
  };
  return (
    <ComposeWorkbench label={`Compose file (${stack.compose_file})`} text={text} onChange={(t) => setDraft(t === stack.compose ? null : t)}
      name={stack.name} env={validationEnv(envRows(stack.env))} composeFile={stack.compose_file} saveError={save.error}
      deployed={stack.deployed} readOnly={external}>
      <div className="actions compose-save">
        <RoleGate min="developer" action="edit stacks">
          <button type="button" onClick={() => saveThen(false)} disabled={busy || external || draft === null} aria-busy={save.isPending && last === 'save'}
            title={external ? EXTERNAL : undefined}>
            {save.isPending && last === 'save' ? 'Saving…' : 'Save'}
          </button>
        </RoleGate>
        <RoleGate min="developer" action="deploy stacks">
          <button type="button" className="primary" onClick={() => saveThen(true)} disabled={busy || external} aria-busy={busy && last === 'deploy'}
            title={external ? EXTERNAL : undefined}>
            {busy && last === 'deploy' ? (deploy.isPending ? 'Deploying…' : 'Saving…') : 'Save & Deploy'}
          </button>
        </RoleGate>
        {draft !== null && <span role="status" className="note">Unsaved changes</span>}
        {whole && <span role="alert" className="note bad">{whole}</span>}
      </div>
    </ComposeWorkbench>
  );
}

function EnvTab({ stack, draft, setDraft }: { stack: StackDetail; draft: StackEnvRow[] | null; setDraft: (rows: StackEnvRow[] | null) => void }) {
  const rows = draft ?? envRows(stack.env);
  const save = useSaveStack(stack.name, () => setDraft(null));
  const deploy = useDeployStack(stack.name);
  const [last, setLast] = useState<'save' | 'deploy'>('save');
  const edit = (next: StackEnvRow[]) => setDraft(sameEnv(next, stack.env) ? null : next);
  const external = stack.source === 'external';
  const busy = save.isPending || deploy.isPending;
  const failed = last === 'deploy' && !save.error ? deploy.error : save.error;
  const whole = formError(failed, rows.map((r) => `env.${r.key.trim()}`));
  const saveThen = (andDeploy: boolean) => {
    setLast(andDeploy ? 'deploy' : 'save');
    deploy.reset();
    save.mutate({ env: envBody(rows) }, { onSuccess: () => { if (andDeploy) deploy.mutate({}); } });
  };
  return (
    <div>
      <p className="hint">Variables the compose file interpolates (<code>${'{'}NAME{'}'}</code>), kept by Rivetr. A secret is write-only: it shows as {'"••• (stored)"'}; type a new value to replace it, leave it empty to keep it.</p>
      <StackEnvRows rows={rows} onChange={edit} error={failed} />
      <div className="actions env-save">
        <RoleGate min="developer" action="edit stacks">
          <button type="button" onClick={() => saveThen(false)} disabled={busy || external || draft === null} aria-busy={save.isPending && last === 'save'}>
            {save.isPending && last === 'save' ? 'Saving…' : 'Save variables'}
          </button>
        </RoleGate>
        <RoleGate min="developer" action="deploy stacks">
          <button type="button" className="primary" onClick={() => saveThen(true)} disabled={busy || external} aria-busy={busy && last === 'deploy'}>
            {busy && last === 'deploy' ? (deploy.isPending ? 'Deploying…' : 'Saving…') : 'Save & Deploy'}
          </button>
        </RoleGate>
        {draft && <span role="status" className="note">Unsaved changes</span>}
      </div>
      {whole && <p role="alert" className="note bad">{whole}</p>}
      <p className="muted">Saved variables apply at the next deploy.</p>
    </div>
  );
}

function Revisions({ name }: { name: string }) {
  const revisions = useStackRevisions(name);
  const [shown, setShown] = useState<number | null>(null);
  if (revisions.error) return <ErrorState error={revisions.error} retry={() => void revisions.refetch()} />;
  if (!revisions.data) return <LoadingState />;
  const list = revisions.data.revisions;
  if (list.length === 0) return <p className="hint">Not deployed yet: each deploy is recorded here with the file it deployed.</p>;
  const selected: StackRevision | undefined = list.find((r) => r.revision === shown);
  return (
    <div className="split">
      <div className="table-scroll">
        <table aria-label="Revisions">
          <thead><tr><th scope="col">Revision</th><th scope="col">Status</th><th scope="col">Service</th><th scope="col">Error</th><th scope="col">By</th><th scope="col">When</th></tr></thead>
          <tbody>{list.map((r) => (
            <tr key={r.revision} className={r.revision === shown ? 'shown' : undefined} data-revision={r.revision}>
              <td>
                <button type="button" className="link" aria-pressed={r.revision === shown} onClick={() => setShown(r.revision === shown ? null : r.revision)}>
                  {r.revision}<span className="sr-only">: show its compose file</span>
                </button>
              </td>
              <td><StatusBadge status={r.status} /></td>
              <td>{r.service ?? '—'}</td>
              <td className="revision-error">{r.error ?? '—'}</td>
              <td>{r.actor}</td>
              <td><RelativeTime ts={r.started_at} /></td>
            </tr>
          ))}</tbody>
        </table>
      </div>
      <div>
        {selected ? (
          <section aria-labelledby="revision-title">
            <h2 id="revision-title">Revision {selected.revision}: compose file</h2>
            <pre className="compose-text" tabIndex={0} aria-label={`Compose file of revision ${selected.revision}`}>{selected.compose}</pre>
            {selected.env_file !== null && (
              <>
                <h3>.env</h3>
                <pre className="compose-text" tabIndex={0} aria-label={`.env of revision ${selected.revision}`}>{selected.env_file}</pre>
              </>
            )}
          </section>
        ) : <p className="hint">Choose a revision to see the compose file it deployed.</p>}
      </div>
    </div>
  );
}

export default function StackPage() {
  const { name: raw = '' } = useParams<{ name: string }>();
  const name = decodeURIComponent(raw);
  const { query } = useLocation();
  const tab: Tab = TABS.some(([k]) => k === query.get('tab')) ? (query.get('tab') as Tab) : 'services';
  const detail = useStack(name);
  const [composeDraft, setComposeDraft] = useState<string | null>(null);
  const [envDraft, setEnvDraft] = useState<StackEnvRow[] | null>(null);
  const back = <p><Link href="/stacks">← Stacks</Link></p>;
  if (detail.error) return <section>{back}<h1>{name}</h1><ErrorState error={detail.error} retry={() => void detail.refetch()} /></section>;
  const s = detail.data;
  if (!s) return <section>{back}<LoadingState /></section>;
  const last = s.last_revision;
  return (
    <section>
      {back}
      <div className="head">
        <h1>{s.name} <StatusBadge status={s.status} /></h1>
        <span className="actions">
          <StackActions stack={s} />
          <DownStack stack={s} />
          <DeleteStack stack={s} />
        </span>
      </div>
      <p className="meta">
        {runningOf(s)} services running · {SOURCE[s.source]} · <code>{s.config_file}</code>
        {last && <> · {revisionLine(last)}, <RelativeTime ts={last.finished_at ?? last.started_at} /></>}
      </p>
      {last?.status === 'failed' && last.error && (
        <div className="failure" role="note"><p>Revision {last.revision} failed{last.service ? ` at ${last.service}` : ''}:</p><pre className="failure-error">{last.error}</pre></div>
      )}
      <Tabs id="stack" label="Stack sections" tabs={TABS} selected={tab} onSelect={(t) => navigate(stackHref(s.name, t), true)} />
      <div role="tabpanel" id={panelId('stack')} aria-labelledby={tabId('stack', tab)} className="panel">
        {tab === 'services' && <Services stack={s} />}
        {tab === 'compose' && <ComposeTab stack={s} draft={composeDraft} setDraft={setComposeDraft} />}
        {tab === 'env' && <EnvTab stack={s} draft={envDraft} setDraft={setEnvDraft} />}
        {tab === 'revisions' && <Revisions name={s.name} />}
      </div>
    </section>
  );
}
