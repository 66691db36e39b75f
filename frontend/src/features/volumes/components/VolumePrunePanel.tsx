// Prune a host's unused volumes in two steps: the plan first (what would go, its known size, and what
// stays and why: an app's), then exactly those names confirmed: a volume a container mounts by then stays.
import { bytes } from '../../../shared/format';
import { PreviewPrune, PruneCard, PrunePlan, PruneReport, usePruneSteps } from '../../../shared/ui/Prune';
import { ScrollBox } from '../../../shared/ui/ScrollBox';
import { useVolumePrune, useVolumePrunePlan } from '../queries';
import type { VolumePrune } from '../../../shared/api/types';

const size = (n: number | null) => (n === null ? 'unknown' : bytes(n));

function Plan({ host, plan, onPruned }: { host: string; plan: VolumePrune; onPruned: (r: VolumePrune) => void }) {
  const prune = useVolumePrune(onPruned);
  const n = plan.volumes.length;
  const s = n === 1 ? '' : 's';
  return (
    <PrunePlan count={n} nothing="Nothing to prune: every volume on this host is in use or an app's."
      summary={<><strong>{n} unused volume{s} would go, {bytes(plan.size_bytes)} known</strong>. Nothing has been removed yet.</>}
      prune={prune} vars={{ host, plan }} gate="prune volumes"
      confirm={{ title: `Prune ${n} volume${s}?`, body: 'Exactly these go, with their data; one a container mounts by then is kept.', items: plan.volumes.map((v) => v.name), confirmLabel: `Prune ${n} volume${s}` }}
      label={n === 1 ? 'Prune this volume' : `Prune these ${n} volumes`}
      kept={plan.kept} keptKey={(k) => k.name} keptItem={(k) => <><code>{k.name}</code>: {k.reason}</>}>
      <ScrollBox label="Volumes the prune would remove"><table aria-label="Volumes the prune would remove">
        <thead><tr><th scope="col">Volume</th><th scope="col">Size</th></tr></thead>
        <tbody>{plan.volumes.map((v) => <tr key={v.name}><td><code>{v.name}</code></td><td>{size(v.size_bytes)}</td></tr>)}</tbody>
      </table></ScrollBox>
    </PrunePlan>
  );
}

export function VolumePrunePanel({ host, hostName }: { host: string; hostName: string }) {
  const steps = usePruneSteps<VolumePrune, VolumePrune>([host]);
  const preview = useVolumePrunePlan(steps.planned);
  return (
    <PruneCard titleId="volume-prune-title" hostName={hostName} steps={steps}
      plan={(plan, onPruned) => <Plan host={host} plan={plan} onPruned={onPruned} />}
      report={(report) => (
        <PruneReport outcomes={report.outcomes} outcomeKey={(o) => o.name} outcomeName={(o) => o.name}
          pruned={(n) => <>Pruned {n} volume{n === 1 ? '' : 's'} ({bytes(report.removed_size_bytes)} known).</>}>
          {report.kept.length > 0 && <ul>{report.kept.map((k) => <li key={k.name}>{k.name} kept: {k.reason}</li>)}</ul>}
        </PruneReport>
      )}>
      <PreviewPrune plan={preview} vars={host} gate="prune volumes" />
      <p className="hint">Volumes a container mounts (running or not) and an app's volumes always stay.</p>
    </PruneCard>
  );
}
