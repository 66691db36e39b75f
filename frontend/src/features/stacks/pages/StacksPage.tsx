// Stacks: every compose stack (Rivetr's, and projects started elsewhere that the engine's labels name),
// each with its status, how many services run, where it comes from and its last deploy; a developer
// starts a new one here.
import { Link } from '../../../shared/router';
import { DataTable, type Column } from '../../../shared/ui/DataTable';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/ui/States';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { stackHref, useStacks } from '../queries';
import { revisionLine, runningOf, SOURCE } from '../stackWords';
import type { StackSummary } from '../../../shared/api/types';

const COLUMNS: Column<StackSummary>[] = [
  { id: 'name', header: 'Name', required: true, sortValue: (s) => s.name, cell: (s) => <Link href={stackHref(s.name)}>{s.name}</Link> },
  { id: 'status', header: 'Status', sortValue: (s) => s.status, cell: (s) => <StatusBadge status={s.status} /> },
  { id: 'running', header: 'Running', sortValue: (s) => s.running, cell: (s) => <span title={`${s.running} of ${s.services.length} services running`}>{runningOf(s)}</span> },
  { id: 'source', header: 'Source', sortValue: (s) => s.source, cell: (s) => SOURCE[s.source] },
  { id: 'deployed', header: 'Last deploy', sortValue: (s) => s.last_revision?.started_at ?? 0, cell: (s) => (s.last_revision
    ? <>{revisionLine(s.last_revision)}, <RelativeTime ts={s.last_revision.finished_at ?? s.last_revision.started_at} /></>
    : <span className="hint">never</span>) },
];
const rowKey = (s: StackSummary) => s.name;

export default function StacksPage() {
  const list = useStacks();
  const stacks = list.data?.stacks ?? [];
  return (
    <section>
      <div className="head">
        <h1>Stacks</h1>
        <RoleGate min="developer" action="create stacks"><Link className="button primary" href="/stacks/new">New stack</Link></RoleGate>
      </div>
      <p className="hint">Compose files deployed on the local engine: Rivetr's, and compose projects started elsewhere.</p>
      {list.error && <ErrorState error={list.error} retry={() => void list.refetch()} />}
      {list.isPending && <LoadingState />}
      {list.data && stacks.length === 0 && (
        <EmptyState title="No stacks yet.">Create one with New stack: a compose file, its variables, then Deploy.</EmptyState>
      )}
      {stacks.length > 0 && (
        <>
          <p role="status" className="hint">{stacks.length} stack{stacks.length === 1 ? '' : 's'}</p>
          <DataTable id="stacks" caption={`Stacks: ${stacks.length}`} rows={stacks} rowKey={rowKey} columns={COLUMNS} rowLabel={rowKey} keyAttribute="data-stack" />
        </>
      )}
    </section>
  );
}
