// One container (?host= names its engine): what it is, the actions the role allows, and its
// output, resource use, processes, whole inspect document and recent engine events, each in a tab;
// the engine's events keep its state current.
import { useParams } from 'wouter';
import type { ContainerDetail } from '../../../shared/api/types';
import { navigate, Link, useLocation } from '../../../shared/router';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { panelId, tabId, Tabs } from '../../../shared/ui/Tabs';
import { ContainerActions } from '../components/ContainerActions';
import { ContainerLogs } from '../components/ContainerLogs';
import { AppMark, ContainerState } from '../components/ContainerState';
import { ContainerStats, ContainerTop } from '../components/ContainerStats';
import { EngineEvents } from '../components/EngineEvents';
import { InspectView } from '../components/InspectView';
import { hostQuery } from '../../hosts/perHost';
import { useDockerEvents } from '../live';
import { useContainer } from '../queries';
import { joinWords } from '../words';

const TABS = [['logs', 'Logs'], ['stats', 'Stats'], ['processes', 'Processes'], ['inspect', 'Inspect'], ['events', 'Events']] as const;
type Tab = (typeof TABS)[number][0];

type Inspect = {
  Id?: string; Name?: string; Created?: string; Path?: string; Args?: string[];
  State?: { Status?: string; StartedAt?: string; ExitCode?: number; Health?: { Status?: string }; OOMKilled?: boolean };
};

// host, none and container:<name> are the mode itself; any other mode (bridge, a network's name) is the
// first of the networks listed.
const OWN_STACK = /^(host|none|container:)/;
// A network with the aliases the container answers to on it (what an edit must keep, so shown).
const network = (n: ContainerDetail['config']['networks'][number]) => (n.aliases.length ? `${n.name} (aliases: ${n.aliases.join(', ')})` : n.name);

function Summary({ d }: { d: ContainerDetail }) {
  const i = d.inspect as Inspect;
  const c = d.config;
  const ports = c.ports.map((p) => `${p.host ? `${p.host_ip ? p.host_ip + ':' : ''}${p.host}→` : ''}${p.container}/${p.protocol}`);
  return (
    <dl className="summary card">
      <dt>Image</dt><dd><code>{c.image}</code></dd>
      <dt>Host</dt><dd>{d.host}</dd>
      <dt>State</dt><dd>{i.State?.Status}{i.State?.Health?.Status ? ` (${i.State.Health.Status})` : ''}{i.State?.Status === 'exited' ? `, exit code ${i.State.ExitCode}` : ''}{i.State?.OOMKilled ? ', killed for lack of memory' : ''}</dd>
      <dt>Created</dt><dd><RelativeTime ts={i.Created} /></dd>
      <dt>Command</dt><dd><code>{i.Path ? joinWords([i.Path, ...(i.Args ?? [])]) : '—'}</code></dd>
      <dt>Ports</dt><dd>{ports.join(', ') || '—'}</dd>
      <dt>Networks</dt><dd>{OWN_STACK.test(c.network_mode) ? c.network_mode : c.networks.map(network).join(', ') || c.network_mode || '—'}</dd>
      <dt>Mounts</dt><dd>{c.mounts.map((m) => `${m.source || m.type}:${m.target}${m.read_only ? ' (ro)' : ''}`).join(', ') || '—'}</dd>
      <dt>Restart</dt><dd>{c.restart_policy}</dd>
      {d.app && <><dt>App</dt><dd><AppMark app={d.app} /> — stop and start go through the app; removing it is refused.</dd></>}
    </dl>
  );
}

export default function ContainerDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { query } = useLocation();
  const host = query.get('host') ?? '';
  const tab: Tab = TABS.some(([t]) => t === query.get('tab')) ? (query.get('tab') as Tab) : 'logs';
  const detail = useContainer(id, host);
  useDockerEvents(host || 'local');

  if (detail.error) return <section><h1>{id}</h1><ErrorState error={detail.error} /><p><Link href="/containers">All containers</Link></p></section>;
  const d = detail.data;
  if (!d) return <LoadingState />;
  const name = ((d.inspect as Inspect).Name ?? id).replace(/^\//, '');
  const state = (d.inspect as Inspect).State?.Status ?? 'unknown';
  const running = state === 'running';
  const setTab = (t: Tab) => navigate(`/containers/${encodeURIComponent(id)}?tab=${t}${hostQuery(host, false)}`, true);
  return (
    <section>
      <p className="meta"><Link href="/containers">Containers</Link> /</p>
      <div className="head">
        <h1>{name} <ContainerState state={state} /> <AppMark app={d.app} /></h1>
      </div>
      <Summary d={d} />
      <ContainerActions detail={d} id={id} host={host} name={name} state={state} />
      <Tabs id="container" label="Container sections" tabs={TABS} selected={tab} onSelect={setTab} />
      <div role="tabpanel" id={panelId('container')} aria-labelledby={tabId('container', tab)} className="panel">
        {tab === 'logs' && <ContainerLogs id={id} host={host} />}
        {tab === 'stats' && <ContainerStats id={id} host={host} running={running} />}
        {tab === 'processes' && <ContainerTop id={id} host={host} running={running} />}
        {tab === 'inspect' && <InspectView doc={d.inspect} />}
        {tab === 'events' && <EngineEvents container={(d.inspect as Inspect).Id ?? id} host={host} />}
      </div>
    </section>
  );
}
