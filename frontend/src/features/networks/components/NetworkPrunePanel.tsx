// Prune a host's networks in two steps: the unused networks users made, listed first (with those that
// stay and why), then exactly those confirmed; one a container joined since the preview stays.
import { useEffect, useState } from 'react';
import { Action } from '../../../shared/ui/Action';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { usePrune, usePrunePlan } from '../queries';
import type { NetworkPrune } from '../types';

const plural = (n: number) => `${n} network${n === 1 ? '' : 's'}`;

function Plan({ host, plan, onPruned }: { host: string; plan: NetworkPrune; onPruned: (r: NetworkPrune) => void }) {
  const prune = usePrune(onPruned);
  const n = plan.networks.length;
  return (
    <div role="region" aria-label="Prune plan">
      {n === 0 ? <p role="status">Nothing to prune: every network users made is in use.</p> : (
        <>
          <p role="status"><strong>{plural(n)} would go.</strong> Nothing has been removed yet.</p>
          <ul aria-label="Networks the prune would remove">{plan.networks.map((x) => <li key={x.id}><code>{x.name}</code> <small className="hint">{x.driver}</small></li>)}</ul>
          <RoleGate min="developer" action="prune networks">
            <Action mutation={prune} vars={{ host, plan }} variant="danger" busyLabel="Pruning…"
              confirm={{ title: `Prune ${plural(n)}?`, body: 'Exactly these go; one a container joined since is kept.', items: plan.networks.map((x) => x.name), confirmLabel: `Prune ${plural(n)}` }}>
              Prune {n === 1 ? 'this network' : `these ${n} networks`}
            </Action>
          </RoleGate>
        </>
      )}
      {plan.kept.length > 0 && (
        <details><summary>{plan.kept.length} kept</summary>
          <ul>{plan.kept.map((k) => <li key={k.id}>{k.name}: {k.reason}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

export function NetworkPrunePanel({ host, hostName }: { host: string; hostName: string }) {
  const [plan, setPlan] = useState<NetworkPrune | null>(null);
  const [report, setReport] = useState<NetworkPrune | null>(null);
  const preview = usePrunePlan((p) => { setReport(null); setPlan(p); });
  useEffect(() => { setPlan(null); setReport(null); }, [host]);
  const refused = report?.outcomes.filter((o) => !o.removed) ?? [];
  return (
    <section className="card" aria-labelledby="network-prune-title">
      <h2 id="network-prune-title">Prune <small className="hint">on {hostName}</small></h2>
      <p className="hint">Only unused networks users made: never bridge, host or none, an app's, or Rivetr's own.</p>
      <RoleGate min="developer" action="prune networks">
        <Action mutation={preview} vars={host} busyLabel="Planning…">Preview prune</Action>
      </RoleGate>
      {report ? (
        <div role="status">
          <p className="note ok">Pruned {plural(report.outcomes.length - refused.length)}.</p>
          {refused.length > 0 && <ul className="note bad">{refused.map((o) => <li key={o.id}>{o.name || o.id} kept: {o.error}</li>)}</ul>}
        </div>
      ) : plan && <Plan host={host} plan={plan} onPruned={(r) => { setPlan(null); setReport(r); }} />}
    </section>
  );
}
