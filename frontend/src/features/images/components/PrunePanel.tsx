// Prune a host's images in two steps: the plan first (what would go, how much space, dangling vs
// unused, and what stays and why), then exactly that plan confirmed: an image that qualifies only
// after the preview is left for the next prune.
import { useState } from 'react';
import { bytes } from '../../../shared/format';
import { PreviewPrune, PruneCard, PrunePlan, PruneReport, usePruneSteps } from '../../../shared/ui/Prune';
import { ScrollBox } from '../../../shared/ui/ScrollBox';
import { imageName, summarizePlan } from '../imageFilter';
import { usePrune, usePrunePlan, type PruneAsk } from '../queries';
import type { ImagePrune, PruneMode } from '../../../shared/api/types';

const MODES: [PruneMode, string][] = [['dangling', 'dangling (untagged) images'], ['unused', 'every image no container uses']];
const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

function Plan({ ask, plan, onPruned }: { ask: PruneAsk; plan: ImagePrune; onPruned: (r: ImagePrune) => void }) {
  const prune = usePrune(onPruned);
  const s = summarizePlan(plan);
  const names = plan.images.map((i) => `${imageName({ ...i, short_id: shortId(i.id) })} (${bytes(i.size_bytes)})`);
  return (
    <PrunePlan count={s.count} nothing={<>Nothing to prune: no {ask.mode === 'dangling' ? 'dangling' : 'unused'} image on this host.</>}
      summary={<><strong>{s.count} image{s.count === 1 ? '' : 's'} would go, {bytes(s.sizeBytes)}</strong>{' '}
        ({s.dangling} dangling, {s.unusedTagged} unused tagged). Nothing has been removed yet.</>}
      prune={prune} vars={{ ask, plan }} gate="prune images"
      confirm={{ title: `Prune ${s.count} image${s.count === 1 ? '' : 's'}?`, body: `Exactly these go (${bytes(s.sizeBytes)}); one a container started using since is kept.`, items: names, confirmLabel: `Prune ${s.count} image${s.count === 1 ? '' : 's'}` }}
      label={s.count === 1 ? 'Prune this image' : `Prune these ${s.count} images`}
      kept={plan.kept} keptKey={(k) => k.id} keptItem={(k) => <>{k.tags.join(', ') || shortId(k.id)}: {k.reason}</>}>
      <ScrollBox label="Images the prune would remove"><table aria-label="Images the prune would remove">
        <thead><tr><th scope="col">Image</th><th scope="col">ID</th><th scope="col">Kind</th><th scope="col">Size</th></tr></thead>
        <tbody>{plan.images.map((i) => (
          <tr key={i.id}><td>{i.tags.join(', ') || '<none>'}</td><td><code>{shortId(i.id)}</code></td>
            <td>{i.tags.length ? 'unused' : <span className="badge muted">dangling</span>}</td><td>{bytes(i.size_bytes)}</td></tr>
        ))}</tbody>
      </table></ScrollBox>
    </PrunePlan>
  );
}

export function PrunePanel({ host, hostName }: { host: string; hostName: string }) {
  const [mode, setMode] = useState<PruneMode>('dangling');
  const [label, setLabel] = useState('');
  const steps = usePruneSteps<{ ask: PruneAsk; plan: ImagePrune }, ImagePrune>([host, mode, label]);
  const plan = usePrunePlan((p, ask) => steps.planned({ ask, plan: p }));
  return (
    <PruneCard titleId="prune-title" hostName={hostName} steps={steps}
      plan={(shown, onPruned) => <Plan ask={shown.ask} plan={shown.plan} onPruned={onPruned} />}
      report={(report) => (
        <PruneReport outcomes={report.outcomes} outcomeKey={(o) => o.id} outcomeName={(o) => shortId(o.id)}
          pruned={(n) => <>Pruned {n} image{n === 1 ? '' : 's'} ({bytes(report.removed_size_bytes)} listed).</>} />
      )}>
      <div className="inline">
        <label>Remove
          <select value={mode} onChange={(e) => setMode(e.target.value as PruneMode)}>
            {MODES.map(([m, label]) => <option key={m} value={m}>{label}</option>)}
          </select>
        </label>
        <label>Only with label <small className="hint">(optional)</small>
          <input className="mono" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="key=value" />
        </label>
        <PreviewPrune plan={plan} vars={{ host, mode, label }} gate="prune images" />
      </div>
      <p className="hint">Images a container uses (running or not) and images Rivetr built for an app always stay.</p>
    </PruneCard>
  );
}
