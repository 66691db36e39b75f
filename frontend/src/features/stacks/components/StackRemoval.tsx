// Down (containers and networks go, the files stay) and Delete (the files and records too), each asked
// first with "also remove named volumes" in the question; what went and what stayed (the volumes by name)
// is said after the server answers.
import { useState } from 'react';
import { navigate } from '../../../shared/router';
import { Action } from '../../../shared/ui/Action';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { downSummary, useDeleteStack, useStackDown } from '../queries';
import type { StackDown, StackSummary } from '../../../shared/api/types';

function VolumesChoice({ checked, onChange }: { checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="check volumes-choice">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> Also remove named volumes (their data is lost)
    </label>
  );
}

const containersOf = (s: Pick<StackSummary, 'services'>) => s.services.map((x) => x.container).filter(Boolean);

export function DownStack({ stack }: { stack: Pick<StackSummary, 'name' | 'services'> }) {
  const [volumes, setVolumes] = useState(false);
  const [result, setResult] = useState<StackDown | null>(null);
  const down = useStackDown(stack.name, (r) => { setResult(r); setVolumes(false); });
  return (
    <span className="stack-down">
      <RoleGate min="developer" action="take stacks down">
        <Action mutation={down} vars={{ volumes }} variant="danger" busyLabel="Taking down…"
          confirm={{
            title: `Take ${stack.name} down?`,
            body: <>Its containers and networks are removed; its files stay and Deploy brings it back. <VolumesChoice checked={volumes} onChange={setVolumes} /></>,
            items: containersOf(stack), confirmLabel: volumes ? 'Down and remove volumes' : 'Take down',
          }}>
          Down
        </Action>
      </RoleGate>
      {result && <span role="status" className="note">{downSummary(result)}</span>}
    </span>
  );
}

export function DeleteStack({ stack }: { stack: Pick<StackSummary, 'name' | 'services'> }) {
  const [volumes, setVolumes] = useState(false);
  const remove = useDeleteStack(stack.name, () => navigate('/stacks'));
  return (
    <RoleGate min="developer" action="delete stacks">
      <Action mutation={remove} vars={{ volumes }} variant="danger" busyLabel="Deleting…"
        confirm={{
          title: `Delete stack ${stack.name}?`,
          body: <>It is taken down, and its compose file, variables and revisions are deleted. <VolumesChoice checked={volumes} onChange={setVolumes} /></>,
          items: [stack.name, ...containersOf(stack)], confirmLabel: `Delete ${stack.name}`,
        }}>
        Delete
      </Action>
    </RoleGate>
  );
}
