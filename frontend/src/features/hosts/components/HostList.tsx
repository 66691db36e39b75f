// The list below a Docker-manager page's filters (images, networks, volumes), shown the same way on each:
// the hosts that did not answer, the loading, failed and empty states, then how many rows match and the table.
import type { ReactNode } from 'react';
import { DataTable, type Column } from '../../../shared/ui/DataTable';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/ui/States';
import { UnreachableHosts } from './HostScope';

/** The part of a host-scoped list query (GET /api/images, /networks, /volumes) the list reads. */
interface HostListQuery {
  data?: { unreachable: { host: string; error: string }[] };
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

interface Props<R> {
  list: HostListQuery;
  /** Every row the hosts answered, and those the page's search and filters leave. */
  all: R[];
  shown: R[];
  /** The rows in the plural, lower case ("networks"): the count says it, and it names the table's remembered columns. */
  noun: string;
  /** The table's caption before its count ("Networks"). */
  title: string;
  /** What the empty state says, and what to do next. */
  emptyTitle: string;
  empty: ReactNode;
  rowKey: (row: R) => string;
  columns: Column<R>[];
  resetKey: string;
  rowLabel?: (row: R) => string;
}

export function HostList<R>({ list, all, shown, noun, title, emptyTitle, empty, rowKey, columns, resetKey, rowLabel }: Props<R>) {
  return (
    <>
      <UnreachableHosts list={list.data?.unreachable} />
      {list.error && <ErrorState error={list.error} retry={() => void list.refetch()} />}
      {list.isPending && <LoadingState />}
      {list.data && all.length === 0 && <EmptyState title={emptyTitle}>{empty}</EmptyState>}
      {list.data && all.length > 0 && (
        <>
          <p role="status" className="hint">{shown.length === all.length ? `${all.length} ${noun}` : `${shown.length} of ${all.length} ${noun} match`}</p>
          <DataTable id={noun} caption={`${title}: ${shown.length} of ${all.length}`} rows={shown} rowKey={rowKey} columns={columns}
            resetKey={resetKey} rowLabel={rowLabel} />
        </>
      )}
    </>
  );
}
