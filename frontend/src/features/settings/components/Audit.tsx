// The audit log (admins): who did what to what, newest first, older pages on request.
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { ScrollBox } from '../../../shared/ui/ScrollBox';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { useAudit } from '../queries';

export function Audit() {
  const audit = useAudit();
  if (audit.error) return <ErrorState error={audit.error} />;
  if (audit.isPending) return <LoadingState />;
  const all = audit.data.pages.flat();
  return (
    <div>
      <ScrollBox label="Audit log entries">
        <table aria-label="Audit log">
          <thead><tr><th scope="col">When</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {all.map((e) => (
              <tr key={e.id}>
                <td><RelativeTime ts={e.ts} /></td><td>{e.actor} <small>({e.actor_type})</small></td><td><code>{e.action}</code></td>
                <td>{e.target_type} {e.target_id}</td><td><code className="details">{JSON.stringify(e.details)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {audit.hasNextPage ? (
        <button type="button" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage} aria-busy={audit.isFetchingNextPage}>
          {audit.isFetchingNextPage ? 'Loading…' : 'Older entries'}
        </button>
      ) : all.length > 0 && <p className="hint">No older entries.</p>}
    </div>
  );
}
