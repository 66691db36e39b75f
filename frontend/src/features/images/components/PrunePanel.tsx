// Prune a host's images in two steps: the plan first (what would go, how much space, dangling vs
// unused, and what stays and why), then exactly that plan confirmed: an image that qualifies only
// after the preview is left for the next prune.
import { useEffect, useState } from 'react';
import { bytes } from '../../../shared/format';
import { Action } from '../../../shared/ui/Action';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { ScrollBox } from '../../../shared/ui/ScrollBox';
import { imageName, summarizePlan } from '../imageFilter';
import { usePrune, usePrunePlan, type PruneAsk } from '../queries';
import type { ImagePrune, PruneMode } from '../types';

const MODES: [PruneMode, string][] = [['dangling', 'dangling (untagged) images'], ['unused', 'every image no container uses']];
const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

function Plan({ ask, plan, onPruned }: { ask: PruneAsk; plan: ImagePrune; onPruned: (r: ImagePrune) => void }) {
  const prune = usePrune(onPruned);
  const s = summarizePlan(plan);
  const names = plan.images.map((i) => `${imageName({ ...i, short_id: shortId(i.id) })} (${bytes(i.size_bytes)})`);
  return (
    <div aria-label="Prune plan" role="region">
      {s.count === 0 ? <p role="status">Nothing to prune: no {ask.mode === 'dangling' ? 'dangling' : 'unused'} image on this host.</p> : (
        <>
          <p role="status"><strong>{s.count} image{s.count === 1 ? '' : 's'} would go, {bytes(s.sizeBytes)}</strong>{' '}
            ({s.dangling} dangling, {s.unusedTagged} unused tagged). Nothing has been removed yet.</p>
          <ScrollBox label="Images the prune would remove"><table aria-label="Images the prune would remove">
            <thead><tr><th scope="col">Image</th><th scope="col">ID</th><th scope="col">Kind</th><th scope="col">Size</th></tr></thead>
            <tbody>{plan.images.map((i) => (
              <tr key={i.id}><td>{i.tags.join(', ') || '<none>'}</td><td><code>{shortId(i.id)}</code></td>
                <td>{i.tags.length ? 'unused' : <span className="badge muted">dangling</span>}</td><td>{bytes(i.size_bytes)}</td></tr>
            ))}</tbody>
          </table></ScrollBox>
          <RoleGate min="developer" action="prune images">
            <Action mutation={prune} vars={{ ask, plan }} variant="danger" busyLabel="Pruning…"
              confirm={{ title: `Prune ${s.count} image${s.count === 1 ? '' : 's'}?`, body: `Exactly these go (${bytes(s.sizeBytes)}); one a container started using since is kept.`, items: names, confirmLabel: `Prune ${s.count} image${s.count === 1 ? '' : 's'}` }}>
              {s.count === 1 ? 'Prune this image' : `Prune these ${s.count} images`}
            </Action>
          </RoleGate>
        </>
      )}
      {plan.kept.length > 0 && (
        <details><summary>{plan.kept.length} kept</summary>
          <ul>{plan.kept.map((k) => <li key={k.id}>{k.tags.join(', ') || shortId(k.id)}: {k.reason}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

function Report({ report }: { report: ImagePrune }) {
  const removed = report.outcomes.filter((o) => o.removed);
  const refused = report.outcomes.filter((o) => !o.removed);
  return (
    <div role="status">
      <p className="note ok">Pruned {removed.length} image{removed.length === 1 ? '' : 's'} ({bytes(report.removed_size_bytes)} listed).</p>
      {refused.length > 0 && <ul className="note bad">{refused.map((o) => <li key={o.id}>{shortId(o.id)} kept: {o.error}</li>)}</ul>}
    </div>
  );
}

export function PrunePanel({ host, hostName }: { host: string; hostName: string }) {
  const [mode, setMode] = useState<PruneMode>('dangling');
  const [label, setLabel] = useState('');
  const [shown, setShown] = useState<{ ask: PruneAsk; plan: ImagePrune } | null>(null);
  const [report, setReport] = useState<ImagePrune | null>(null);
  const plan = usePrunePlan((p, ask) => { setReport(null); setShown({ ask, plan: p }); });
  useEffect(() => { setShown(null); setReport(null); }, [host, mode, label]);
  return (
    <section className="card" aria-labelledby="prune-title">
      <h2 id="prune-title">Prune <small className="hint">on {hostName}</small></h2>
      <div className="inline">
        <label>Remove
          <select value={mode} onChange={(e) => setMode(e.target.value as PruneMode)}>
            {MODES.map(([m, label]) => <option key={m} value={m}>{label}</option>)}
          </select>
        </label>
        <label>Only with label <small className="hint">(optional)</small>
          <input className="mono" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="key=value" />
        </label>
        <RoleGate min="developer" action="prune images">
          <Action mutation={plan} vars={{ host, mode, label }} busyLabel="Planning…">Preview prune</Action>
        </RoleGate>
      </div>
      <p className="hint">Images a container uses (running or not) and images Rivetr built for an app always stay.</p>
      {report ? <Report report={report} /> : shown && <Plan ask={shown.ask} plan={shown.plan} onPruned={(r) => { setShown(null); setReport(r); }} />}
    </section>
  );
}
