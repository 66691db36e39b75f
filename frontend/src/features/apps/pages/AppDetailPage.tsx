// One app: status, domains, deployment timeline with the live build log, runtime output,
// environment, settings, webhook, and the actions (deploy, rollback, cancel, restart, stop/start, delete).
import { useState } from 'react';
import { useParams } from 'wouter';
import type { App } from '../../../shared/api/types';
import { describeError } from '../../../shared/api/client';
import { useLiveUpdates } from '../../../shared/data/live';
import { navigate, useLocation } from '../../../shared/router';
import { Action } from '../../../shared/ui/Action';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { panelId, tabId, Tabs } from '../../../shared/ui/Tabs';
import { BuildLog } from '../../deployments/components/BuildLog';
import { Timeline } from '../../deployments/components/Timeline';
import { useAppDeployments } from '../../deployments/queries';
import { appStatus } from '../appStatus';
import { useSystem } from '../../overview/queries';
import { primaryDomain } from '../appUrl';
import { AppSettings } from '../components/AppSettings';
import { AppUrl } from '../components/AppUrl';
import { DomainCertificates } from '../components/Certificates';
import { EnvEditor } from '../components/EnvEditor';
import { RuntimeLogs } from '../components/RuntimeLogs';
import { Webhook } from '../components/Webhook';
import { useApp, useAppAction, useCertificates, useDeleteApps, useDeploy } from '../queries';

const TABS = ['deployments', 'logs', 'environment', 'settings', 'webhook'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS = TABS.map((t) => [t, t[0].toUpperCase() + t.slice(1)] as const);

function AppActions({ app, onDeployed }: { app: App; onDeployed: (deploymentId: string) => void }) {
  const deploy = useDeploy(onDeployed);
  const restart = useAppAction(app, 'restart');
  const start = useAppAction(app, 'start');
  const stop = useAppAction(app, 'stop');
  const remove = useDeleteApps(() => navigate('/apps'));
  const noLive = !app.live_deployment_id;
  return (
    <span className="actions">
      <RoleGate min="developer" action="deploy"><Action mutation={deploy} vars={[app]} variant="primary" busyLabel="Starting deployment…">Deploy</Action></RoleGate>
      <RoleGate min="developer" action="restart apps"><Action mutation={restart} vars={undefined} busyLabel="Restarting…" disabled={noLive}>Restart</Action></RoleGate>
      {app.stopped ? (
        <RoleGate min="developer" action="start apps"><Action mutation={start} vars={undefined} busyLabel="Starting…" disabled={noLive}>Start</Action></RoleGate>
      ) : (
        <RoleGate min="developer" action="stop apps"><Action mutation={stop} vars={undefined} busyLabel="Stopping…" disabled={noLive}
          confirm={{ title: `Stop ${app.name}?`, body: 'Its container stops and its domains answer 503 until you start it again.', items: app.domains, confirmLabel: `Stop ${app.name}` }}>
          Stop
        </Action></RoleGate>
      )}
      <RoleGate min="developer" action="delete apps"><Action mutation={remove} vars={[app]} variant="danger" busyLabel="Deleting…"
        confirm={{ title: `Delete ${app.name}?`, body: 'Its container stops, its domains stop answering, and its deployments, logs and environment are removed.', items: [app.name, ...app.domains], confirmLabel: `Delete ${app.name}` }}>
        Delete
      </Action></RoleGate>
    </span>
  );
}

export default function AppDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { query } = useLocation();
  useLiveUpdates();
  const tab: Tab = (TABS as readonly string[]).includes(query.get('tab') ?? '') ? (query.get('tab') as Tab) : 'deployments';
  const app = useApp(id);
  const a = app.data;
  const deps = useAppDeployments(a?.id);
  const system = useSystem();
  const certs = useCertificates(a?.id ?? '', a?.domains ?? []);
  const [selected, setSelected] = useState<string | null>(null);

  if (app.error) return <section><h1>{id}</h1><ErrorState error={app.error} /></section>;
  if (!a) return <LoadingState />;
  const list = deps.data ?? [];
  const shownDep = list.find((d) => d.id === selected) ?? list[0];
  const setTab = (t: Tab) => navigate(`/apps/${encodeURIComponent(a.name)}?tab=${t}`, true);
  const started = (depId: string) => { setSelected(depId); setTab('deployments'); void deps.refetch(); };

  return (
    <section>
      <div className="head">
        <h1>{a.name} <StatusBadge status={appStatus(a, list[0])} /></h1>
        <AppActions app={a} onDeployed={started} />
      </div>
      <p className="meta">
        <code>{a.git_url}</code>{a.has_git_credentials ? ' (credentials stored)' : ''} · branch {a.branch} · {a.build_type} · port {a.port}
      </p>
      <AppUrl app={a} proxy={system.data?.proxy}
        certState={certs.data?.certificates.find((c) => c.domain === primaryDomain(a))?.state} />
      <DomainCertificates appId={a.id} domains={a.domains} proxy={system.data?.proxy} />
      <Tabs id="app" label="App sections" tabs={TAB_LABELS} selected={tab} onSelect={setTab} />
      <div role="tabpanel" id={panelId('app')} aria-labelledby={tabId('app', tab)} className="panel">
        {tab === 'deployments' && (
          <div className="split">
            <div>{deps.error ? <p role="alert" className="note bad">{describeError(deps.error)}</p> : <Timeline app={a} deps={list} selected={shownDep?.id ?? null} onSelect={setSelected} onStarted={started} />}</div>
            <div>{shownDep ? <BuildLog deployment={shownDep} /> : <p>Deploy to see the build log here.</p>}</div>
          </div>
        )}
        {tab === 'logs' && <RuntimeLogs appId={a.id} />}
        {tab === 'environment' && <EnvEditor appId={a.id} />}
        {tab === 'settings' && <AppSettings app={a} />}
        {tab === 'webhook' && <Webhook secret={a.webhook_secret} system={system.data} />}
      </div>
    </section>
  );
}
