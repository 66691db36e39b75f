// The containers that use an image or a volume, as a table cell: a shared base image can be used by
// hundreds of containers, so the first few are named (with their state) and the rest counted.
import type { ReactNode } from 'react';

const NAMED_USERS = 3;

/** A row that containers use: whether any does, and which. */
interface Used {
  in_use: boolean;
  used_by: { id: string; name: string; state: string }[];
}

export function usedBy(row: Used): ReactNode {
  if (!row.in_use) return <span className="hint">—</span>;
  const more = row.used_by.length - NAMED_USERS;
  return (
    <span title={row.used_by.map((c) => c.name).join(', ')}>
      {row.used_by.slice(0, NAMED_USERS).map((c) => <span key={c.id}>{c.name} <small className="hint">({c.state})</small> </span>)}
      {more > 0 && <small>and {more} more</small>}
    </span>
  );
}
