// Prune a host's networks in two steps: the unused networks users made, listed first (with those that
// stay and why), then exactly those confirmed; one a container joined since the preview stays.
import { PreviewPrune, PruneCard, PrunePlan, PruneReport, usePruneSteps } from '../../../shared/ui/Prune';
import { usePrune, usePrunePlan } from '../queries';
import type { NetworkPrune } from '../../../shared/api/types';

const plural = (n: number) => `${n} network${n === 1 ? '' : 's'}`;

function Plan({ host, plan, onPruned }: { host: string; plan: NetworkPrune; onPruned: (r: NetworkPrune) => void }) {
  const prune = usePrune(onPruned);
  const n = plan.networks.length;
  return (
    <PrunePlan count={n} nothing="Nothing to prune: every network users made is in use."
      summary={<><strong>{plural(n)} would go.</strong> Nothing has been removed yet.</>}
      prune={prune} vars={{ host, plan }} gate="prune networks"
      confirm={{ title: `Prune ${plural(n)}?`, body: 'Exactly these go; one a container joined since is kept.', items: plan.networks.map((x) => x.name), confirmLabel: `Prune ${plural(n)}` }}
      label={<>Prune {n === 1 ? 'this network' : `these ${n} networks`}</>}
      kept={plan.kept} keptKey={(k) => k.id} keptItem={(k) => <>{k.name}: {k.reason}</>}>
      <ul aria-label="Networks the prune would remove">{plan.networks.map((x) => <li key={x.id}><code>{x.name}</code> <small className="hint">{x.driver}</small></li>)}</ul>
    </PrunePlan>
  );
}

export function NetworkPrunePanel({ host, hostName }: { host: string; hostName: string }) {
  const steps = usePruneSteps<NetworkPrune, NetworkPrune>([host]);
  const preview = usePrunePlan(steps.planned);
  return (
    <PruneCard titleId="network-prune-title" hostName={hostName} steps={steps}
      plan={(plan, onPruned) => <Plan host={host} plan={plan} onPruned={onPruned} />}
      report={(report) => (
        <PruneReport outcomes={report.outcomes} outcomeKey={(o) => o.id} outcomeName={(o) => o.name || o.id}
          pruned={(n) => `Pruned ${plural(n)}.`} />
      )}>
      <p className="hint">Only unused networks users made: never bridge, host or none, an app's, or Rivetr's own.</p>
      <PreviewPrune plan={preview} vars={host} gate="prune networks" />
    </PruneCard>
  );
}
