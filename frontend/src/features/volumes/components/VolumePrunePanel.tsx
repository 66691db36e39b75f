// Prune a host's unused volumes in two steps: the plan first (what would go, its known size, and what
// stays and why: an app's), then exactly those names confirmed: a volume a container mounts by then stays.
import { useEffect, useState } from 'react';
import { bytes } from '../../../shared/format';
import { Action } from '../../../shared/ui/Action';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { ScrollBox } from '../../../shared/ui/ScrollBox';
import { useVolumePrune, useVolumePrunePlan } from '../queries';
import type { VolumePrune } from '../types';

const size = (n: number | null) => (n === null ? 'unknown' : bytes(n));

function Plan({ host, plan, onPruned }: { host: string; plan: VolumePrune; onPruned: (r: VolumePrune) => void }) {
  const prune = useVolumePrune(onPruned);
  const n = plan.volumes.length;
  const s = n === 1 ? '' : 's';
  return (
    <div aria-label="Prune plan" role="region">
      {n === 0 ? <p role="status">Nothing to prune: every volume on this host is in use or an app's.</p> : (
        <>
          <p role="status"><strong>{n} unused volume{s} would go, {bytes(plan.size_bytes)} known</strong>. Nothing has been removed yet.</p>
          <ScrollBox label="Volumes the prune would remove"><table aria-label="Volumes the prune would remove">
            <thead><tr><th scope="col">Volume</th><th scope="col">Size</th></tr></thead>
            <tbody>{plan.volumes.map((v) => <tr key={v.name}><td><code>{v.name}</code></td><td>{size(v.size_bytes)}</td></tr>)}</tbody>
          </table></ScrollBox>
          <RoleGate min="developer" action="prune volumes">
            <Action mutation={prune} vars={{ host, plan }} variant="danger" busyLabel="Pruning…"
              confirm={{ title: `Prune ${n} volume${s}?`, body: 'Exactly these go, with their data; one a container mounts by then is kept.', items: plan.volumes.map((v) => v.name), confirmLabel: `Prune ${n} volume${s}` }}>
              {n === 1 ? 'Prune this volume' : `Prune these ${n} volumes`}
            </Action>
          </RoleGate>
        </>
      )}
      {plan.kept.length > 0 && (
        <details><summary>{plan.kept.length} kept</summary>
          <ul>{plan.kept.map((k) => <li key={k.name}><code>{k.name}</code>: {k.reason}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

function Report({ report }: { report: VolumePrune }) {
  const removed = report.outcomes.filter((o) => o.removed);
  const refused = report.outcomes.filter((o) => !o.removed);
  return (
    <div role="status">
      <p className="note ok">Pruned {removed.length} volume{removed.length === 1 ? '' : 's'} ({bytes(report.removed_size_bytes)} known).</p>
      {refused.length > 0 && <ul className="note bad">{refused.map((o) => <li key={o.name}>{o.name} kept: {o.error}</li>)}</ul>}
      {report.kept.length > 0 && <ul>{report.kept.map((k) => <li key={k.name}>{k.name} kept: {k.reason}</li>)}</ul>}
    </div>
  );
}

export function VolumePrunePanel({ host, hostName }: { host: string; hostName: string }) {
  const [plan, setPlan] = useState<VolumePrune | null>(null);
  const [report, setReport] = useState<VolumePrune | null>(null);
  const preview = useVolumePrunePlan((p) => { setReport(null); setPlan(p); });
  useEffect(() => { setPlan(null); setReport(null); }, [host]);
  return (
    <section className="card" aria-labelledby="volume-prune-title">
      <h2 id="volume-prune-title">Prune <small className="hint">on {hostName}</small></h2>
      <RoleGate min="developer" action="prune volumes">
        <Action mutation={preview} vars={host} busyLabel="Planning…">Preview prune</Action>
      </RoleGate>
      <p className="hint">Volumes a container mounts (running or not) and an app's volumes always stay.</p>
      {report ? <Report report={report} /> : plan && <Plan host={host} plan={plan} onPruned={(r) => { setPlan(null); setReport(r); }} />}
    </section>
  );
}
