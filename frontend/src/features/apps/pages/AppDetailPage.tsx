// One app: status, domains, deployment timeline with the live build log, runtime output,
// environment, settings, webhook, and the actions (deploy, rollback, cancel, restart, stop/start, delete).
import { useEffect, useState } from 'react';
import { del, get, post } from '../../../shared/api/client';
import type { App, Deployment } from '../../../shared/api/types';
import { IN_PROGRESS } from '../../../shared/api/types';
import { Action } from '../../../shared/ui/Action';
import { AppSettings } from '../components/AppSettings';
import { BuildLog } from '../../deployments/components/BuildLog';
import { DomainCertificates } from '../components/Certificates';
import { EnvEditor } from '../components/EnvEditor';
import { RuntimeLogs } from '../components/RuntimeLogs';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { panelId, tabId, Tabs } from '../../../shared/ui/Tabs';
import { Webhook } from '../components/Webhook';
import { appStatus, mergeDeployment } from '../appStatus';
import { subscribeDeployments } from '../../../shared/api/events';
import { duration, shortSha, when } from '../../../shared/format';
import { useLoad } from '../../../shared/useLoad';
import { useParams } from 'wouter';
import { navigate, useLocation } from '../../../shared/router';

const TABS = ['deployments', 'logs', 'environment', 'settings', 'webhook'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS = TABS.map((t) => [t, t[0].toUpperCase() + t.slice(1)] as const);

function Timeline({ app, deps, selected, onSelect, onDeployment }: {
  app: App; deps: Deployment[]; selected: string | null; onSelect: (id: string) => void; onDeployment: (id: string) => void;
}) {
  if (deps.length === 0) return <p>No deployments yet.</p>;
  return (
    <ol className="timeline" aria-label="Deployments, newest first">
      {deps.map((d) => (
        <li key={d.id} className={d.id === selected ? 'selected' : ''}>
          <button type="button" className="link" onClick={() => onSelect(d.id)} aria-pressed={d.id === selected}>
            <StatusBadge status={d.status} /> <code>{shortSha(d.commit_sha)}</code> {d.commit_message?.split('\n')[0] ?? ''}
          </button>
          <small>
            {' '}{d.trigger}{d.rollback_of ? ` of ${d.rollback_of}` : ''} · {when(d.created_at)} {duration(d.started_at, d.finished_at)}
            {d.id === app.live_deployment_id && <strong> · live</strong>}
          </small>
          {d.error && <p className="note bad">{d.error}</p>}
          <span className="row-actions">
            {IN_PROGRESS.has(d.status) && (
              <Action busyLabel="Cancelling…" run={async () => { await post(`/api/deployments/${d.id}/cancel`); return 'Cancel requested'; }}>Cancel</Action>
            )}
            {d.image && d.id !== app.live_deployment_id && !IN_PROGRESS.has(d.status) && (
              <Action busyLabel="Rolling back…" confirm={`Roll ${app.name} back to ${shortSha(d.commit_sha)}?`}
                run={async () => { const r = await post<{ deployment_id: string }>(`/api/deployments/${d.id}/rollback`); onDeployment(r.deployment_id); return 'Rollback started'; }}>
                Roll back to this
              </Action>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}

export default function AppDetail() {
  const { id } = useParams<{ id: string }>();
  const { query } = useLocation();
  const tab: Tab = (TABS as readonly string[]).includes(query.get('tab') ?? '') ? (query.get('tab') as Tab) : 'deployments';
  const app = useLoad(() => get<App>(`/api/apps/${encodeURIComponent(id)}`), [id]);
  const deps = useLoad(() => get<Deployment[]>(`/api/apps/${encodeURIComponent(id)}/deployments`), [id]);
  const [selected, setSelected] = useState<string | null>(null);
  const a = app.data;

  const onDeployment = (d: Deployment) => {
    if (a && d.app_id !== a.id) return;
    deps.set((old) => mergeDeployment(old ?? [], d));
    // The live deployment moves when a deployment reaches running: refresh the app record.
    if (d.status === 'running' && a && a.live_deployment_id !== d.id) app.reload();
  };
  useEffect(() => subscribeDeployments(onDeployment, () => { app.reload(); deps.reload(); }), [a?.id, a?.live_deployment_id]); // eslint-disable-line react-hooks/exhaustive-deps
  const started = (depId: string) => {
    setSelected(depId);
    get<Deployment>(`/api/deployments/${depId}`).then(onDeployment).catch(() => undefined);
  };

  if (app.error) return <section><h1>{id}</h1><p role="alert" className="note bad">{app.error}</p></section>;
  if (!a) return <p role="status">Loading…</p>;
  const list = deps.data ?? [];
  const shownDep = list.find((d) => d.id === selected) ?? list[0];
  const setTab = (t: Tab) => navigate(`/apps/${encodeURIComponent(a.name)}?tab=${t}`, true);

  return (
    <section>
      <div className="head">
        <h1>{a.name} <StatusBadge status={appStatus(a, list[0])} /></h1>
        <span className="actions">
          <Action variant="primary" busyLabel="Starting deployment…"
            run={async () => { const r = await post<{ deployment_id: string }>(`/api/apps/${a.id}/deploy`); started(r.deployment_id); setTab('deployments'); return `Deployment ${r.deployment_id} started`; }}>
            Deploy
          </Action>
          <Action busyLabel="Restarting…" disabled={!a.live_deployment_id}
            run={async () => { const r = await post<{ status: string }>(`/api/apps/${a.id}/restart`); return `Restarted: ${r?.status ?? 'ok'}`; }}>
            Restart
          </Action>
          {a.stopped ? (
            <Action busyLabel="Starting…" disabled={!a.live_deployment_id}
              run={async () => { const r = await post<{ status: string }>(`/api/apps/${a.id}/start`); app.reload(); return `Started: ${r?.status ?? 'ok'}`; }}>
              Start
            </Action>
          ) : (
            <Action busyLabel="Stopping…" disabled={!a.live_deployment_id} confirm={`Stop ${a.name}? Its domains answer 503 until you start it again.`}
              run={async () => { const r = await post<{ status: string }>(`/api/apps/${a.id}/stop`); app.reload(); return `Stopped: ${r?.status ?? 'ok'}`; }}>
              Stop
            </Action>
          )}
          <Action variant="danger" busyLabel="Deleting…" confirm={`Delete ${a.name}? Its container stops and its history is removed.`}
            run={async () => { await del(`/api/apps/${a.id}`); navigate('/apps'); }}>
            Delete
          </Action>
        </span>
      </div>
      <p className="meta">
        <code>{a.git_url}</code>{a.has_git_credentials ? ' (credentials stored)' : ''} · branch {a.branch} · {a.build_type} · port {a.port}
      </p>
      <DomainCertificates appId={a.id} domains={a.domains} />
      <Tabs id="app" label="App sections" tabs={TAB_LABELS} selected={tab} onSelect={setTab} />
      <div role="tabpanel" id={panelId('app')} aria-labelledby={tabId('app', tab)} className="panel">
        {tab === 'deployments' && (
          <div className="split">
            <div>{deps.error ? <p role="alert" className="note bad">{deps.error}</p> : <Timeline app={a} deps={list} selected={shownDep?.id ?? null} onSelect={setSelected} onDeployment={started} />}</div>
            <div>{shownDep ? <BuildLog deployment={shownDep} onStatus={onDeployment} /> : <p>Deploy to see the build log here.</p>}</div>
          </div>
        )}
        {tab === 'logs' && <RuntimeLogs appId={a.id} />}
        {tab === 'environment' && <EnvEditor appId={a.id} />}
        {tab === 'settings' && <AppSettings app={a} onSaved={(n) => app.set(() => n)} />}
        {tab === 'webhook' && <Webhook secret={a.webhook_secret} />}
      </div>
    </section>
  );
}
