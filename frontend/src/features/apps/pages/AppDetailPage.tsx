// One app: status, domains, deployment timeline with the live build log, runtime output,
// environment, settings, webhook, and the actions (deploy, rollback, cancel, restart, stop/start, delete).
import { useParams } from 'wouter';
import type { App } from '../../../shared/api/types';
import { describeError } from '../../../shared/api/client';
import { useLiveUpdates } from '../../../shared/data/live';
import { navigate, useLocation } from '../../../shared/router';
import { Action } from '../../../shared/ui/Action';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { panelId, tabId, Tabs } from '../../../shared/ui/Tabs';
import { BuildLog } from '../../deployments/components/BuildLog';
import { Timeline } from '../../deployments/components/Timeline';
import { useAppDeployments } from '../../deployments/queries';
import { appState } from '../appStatus';
import { useSystem } from '../../overview/queries';
import { primaryDomain } from '../appUrl';
import { AppSettings } from '../components/AppSettings';
import { AppStatusBadge, deploymentHref, FailureNote } from '../components/AppStatusBadge';
import { AppUrl } from '../components/AppUrl';
import { DomainCertificates } from '../components/Certificates';
import { EnvEditor, RESTART_KEEPS_ENV } from '../components/EnvEditor';
import { RuntimeLogs } from '../components/RuntimeLogs';
import { Webhook } from '../components/Webhook';
import { Deliveries } from '../../webhooks/components/Deliveries';
import { TestDelivery } from '../../webhooks/components/TestDelivery';
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
      <RoleGate min="developer" action="restart apps">
        <Action mutation={restart} vars={undefined} busyLabel="Restarting…" disabled={noLive}
          confirm={app.env_pending ? { title: `Restart ${app.name}?`, body: `Its variables changed since it started. ${RESTART_KEEPS_ENV}`, confirmLabel: 'Restart anyway', danger: false } : undefined}>
          Restart
        </Action>
      </RoleGate>
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
  // The selected deployment is in the URL (?deployment=), so a failed app's badge elsewhere links straight to it.
  const selected = query.get('deployment');

  if (app.error) return <section><h1>{id}</h1><ErrorState error={app.error} /></section>;
  if (!a) return <LoadingState />;
  const list = deps.data ?? [];
  const shownDep = list.find((d) => d.id === selected) ?? list[0];
  const setTab = (t: Tab) => navigate(`/apps/${encodeURIComponent(a.name)}?tab=${t}`, true);
  const setSelected = (depId: string) => navigate(deploymentHref(a.name, depId), true);
  const started = (depId: string) => { setSelected(depId); void deps.refetch(); };
  const state = appState(a, list[0]);
  const { failure } = state;

  return (
    <section>
      <div className="head">
        <h1>{a.name} <AppStatusBadge app={a} state={state} /></h1>
        <AppActions app={a} onDeployed={started} />
      </div>
      <p className="meta">
        <code>{a.git_url}</code>{a.has_git_credentials ? ' (credentials stored)' : ''} · branch {a.branch} · {a.build_type} · port {a.port}
      </p>
      <AppUrl app={a} proxy={system.data?.proxy}
        certState={certs.data?.certificates.find((c) => c.domain === primaryDomain(a))?.state} />
      <DomainCertificates appId={a.id} domains={a.domains} proxy={system.data?.proxy} />
      {failure && <FailureNote failure={failure} onShow={tab === 'deployments' && shownDep?.id === failure.id ? undefined : () => setSelected(failure.id)} />}
      <Tabs id="app" label="App sections" tabs={TAB_LABELS} selected={tab} onSelect={setTab} />
      <div role="tabpanel" id={panelId('app')} aria-labelledby={tabId('app', tab)} className="panel">
        {tab === 'deployments' && (
          <div className="split">
            <div>{deps.error ? <p role="alert" className="note bad">{describeError(deps.error)}</p> : <Timeline app={a} deps={list} selected={shownDep?.id ?? null} onSelect={setSelected} onStarted={started} />}</div>
            <div>{shownDep ? <BuildLog deployment={shownDep} /> : <p>Deploy to see the build log here.</p>}</div>
          </div>
        )}
        {tab === 'logs' && <RuntimeLogs appId={a.id} />}
        {tab === 'environment' && <EnvEditor key={a.id} app={a} onRedeployed={started} />}
        {tab === 'settings' && <AppSettings app={a} />}
        {tab === 'webhook' && (
          <>
            <Webhook secret={a.webhook_secret} system={system.data} />
            <h2>Recent deliveries</h2>
            {/* The secret is shown to exactly the roles that may send a test (developer and admin). */}
            <TestDelivery appId={a.id} canSend={a.webhook_secret !== undefined} />
            <Deliveries appId={a.id} onOpenDeployment={setSelected} deploymentHref={(depId) => deploymentHref(a.name, depId)} />
          </>
        )}
      </div>
    </section>
  );
}
