// How a stack's state reads in a line: its status word, running of total, where it comes from, and its
// last deploy ("revision 3 deployed by vic").
import type { StackRevision, StackSummary } from '../../shared/api/types';

export const SOURCE: Record<StackSummary['source'], string> = {
  rivetr: 'Rivetr',
  adopted: 'adopted (started elsewhere, file readable)',
  external: 'external (file not readable)',
};

/** "2/3": services with a running container of all. */
export const runningOf = (s: Pick<StackSummary, 'running' | 'services'>) => `${s.running}/${s.services.length}`;

/** "revision 3 failed at web by vic". */
export function revisionLine(r: StackRevision): string {
  return `revision ${r.revision} ${r.status}${r.status === 'failed' && r.service ? ` at ${r.service}` : ''} by ${r.actor}`;
}
