// Remove one volume, asked first. The server refuses while a container mounts it (naming the containers)
// or when it is an app's: that message stays beside the button, and nothing is forced from here.
import { Action } from '../../../shared/ui/Action';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { useRemoveVolume } from '../queries';
import type { Volume } from '../../../shared/api/types';

export function RemoveVolume({ volume, onRemoved }: { volume: Pick<Volume, 'name' | 'host' | 'used_by'>; onRemoved?: () => void }) {
  const remove = useRemoveVolume(onRemoved);
  const users = volume.used_by.map((u) => u.name);
  return (
    <RoleGate min="developer" action="remove volumes">
      <Action mutation={remove} vars={{ name: volume.name, host: volume.host }} variant="danger" busyLabel="Removing…"
        confirm={{
          title: `Remove volume ${volume.name}?`,
          body: users.length ? `It is mounted by ${users.join(', ')}: the server will refuse until they are removed.` : 'Its data is deleted from the host for good.',
          items: [volume.name], confirmLabel: 'Remove volume',
        }}>
        Remove volume<span className="sr-only"> {volume.name}</span>
      </Action>
    </RoleGate>
  );
}
