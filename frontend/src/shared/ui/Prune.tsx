// The steps every Docker prune takes (images, volumes, networks), shown the same way: the plan first (what
// would go, and what stays and why), then exactly that plan confirmed, then what the prune did.
import { useEffect, useState, type ReactNode } from 'react';
import { Action, type Runnable } from './Action';
import type { ConfirmSpec } from './ConfirmDialog';
import { RoleGate } from './RoleGate';

/** A prune panel's state: the plan shown, or the report once pruned. */
export interface PruneSteps<Shown, Report> {
  shown: Shown | null;
  report: Report | null;
  /** A new plan replaces the last report. */
  planned: (s: Shown) => void;
  /** The confirmed prune's report replaces the plan. */
  pruned: (r: Report) => void;
}

/** The state of a prune panel; `resetOn` changing (a new host) drops the plan and the report. */
export function usePruneSteps<Shown, Report>(resetOn: readonly unknown[]): PruneSteps<Shown, Report> {
  const [shown, setShown] = useState<Shown | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what resets the panel
  useEffect(() => { setShown(null); setReport(null); }, resetOn);
  return {
    shown,
    report,
    planned: (s) => { setReport(null); setShown(s); },
    pruned: (r) => { setShown(null); setReport(r); },
  };
}

interface CardProps<Shown, Report> {
  titleId: string;
  hostName: string;
  steps: PruneSteps<Shown, Report>;
  /** The plan shown, and what to call with the report once it is pruned. */
  plan: (shown: Shown, onPruned: (r: Report) => void) => ReactNode;
  report: (r: Report) => ReactNode;
  /** How to ask for a plan, and what always stays. */
  children: ReactNode;
}

/** The panel: a heading naming the host, `children`, then the report once pruned, else the plan shown. */
export function PruneCard<Shown, Report>({ titleId, hostName, steps, plan, report, children }: CardProps<Shown, Report>) {
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Prune <small className="hint">on {hostName}</small></h2>
      {children}
      {steps.report !== null ? report(steps.report) : steps.shown !== null && plan(steps.shown, steps.pruned)}
    </section>
  );
}

/** The button that asks for the plan (a dry run: nothing is removed). */
export function PreviewPrune<V>({ plan, vars, gate }: { plan: Runnable<V>; vars: V; gate: string }) {
  return (
    <RoleGate min="developer" action={gate}>
      <Action mutation={plan} vars={vars} busyLabel="Planning…">Preview prune</Action>
    </RoleGate>
  );
}

interface PlanProps<V, K> {
  /** How many would go; with none, `nothing` says why. */
  count: number;
  nothing: ReactNode;
  /** The status line: how many would go (and how much space). */
  summary: ReactNode;
  /** The list of what would go. */
  children: ReactNode;
  /** The confirmed prune and its variables (exactly this plan). */
  prune: Runnable<V>;
  vars: V;
  /** Completes "Viewers cannot …" ("prune images"). */
  gate: string;
  confirm: ConfirmSpec;
  /** The prune button's text. */
  label: ReactNode;
  /** What stays, each with why. */
  kept: K[];
  keptKey: (k: K) => string;
  keptItem: (k: K) => ReactNode;
}

/** The plan of a dry run: what would go, the button that prunes exactly that, and what stays. */
export function PrunePlan<V, K>({ count, nothing, summary, children, prune, vars, gate, confirm, label, kept, keptKey, keptItem }: PlanProps<V, K>) {
  return (
    <div aria-label="Prune plan" role="region">
      {count === 0 ? <p role="status">{nothing}</p> : (
        <>
          <p role="status">{summary}</p>
          {children}
          <RoleGate min="developer" action={gate}>
            <Action mutation={prune} vars={vars} variant="danger" busyLabel="Pruning…" confirm={confirm}>
              {label}
            </Action>
          </RoleGate>
        </>
      )}
      {kept.length > 0 && (
        <details><summary>{kept.length} kept</summary>
          <ul>{kept.map((k) => <li key={keptKey(k)}>{keptItem(k)}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

interface ReportProps<O> {
  /** One per thing the confirmed prune tried: removed, or refused with the engine's error. */
  outcomes: O[];
  /** Says how many went ("Pruned 2 volumes (2 KiB known)."). */
  pruned: (removed: number) => ReactNode;
  /** Names a refused one (and keys it). */
  outcomeKey: (o: O) => string;
  outcomeName: (o: O) => string;
  /** More to say after the refusals. */
  children?: ReactNode;
}

/** What a confirmed prune did: how many went, and each the engine refused with why. */
export function PruneReport<O extends { removed: boolean; error: string | null }>({ outcomes, pruned, outcomeKey, outcomeName, children }: ReportProps<O>) {
  const refused = outcomes.filter((o) => !o.removed);
  return (
    <div role="status">
      <p className="note ok">{pruned(outcomes.length - refused.length)}</p>
      {refused.length > 0 && <ul className="note bad">{refused.map((o) => <li key={outcomeKey(o)}>{outcomeName(o)} kept: {o.error}</li>)}</ul>}
      {children}
    </div>
  );
}
