// Remove one image. The engine refuses while a container uses it (409 with its reason, which names
// the container): the reason is shown and Force offered, itself confirmed.
import { ApiError } from '../../../shared/api/client';
import { Action } from '../../../shared/ui/Action';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { imageName } from '../imageFilter';
import { useRemoveImage } from '../queries';
import type { Image } from '../../../shared/api/types';

export function RemoveImage({ image, onRemoved }: { image: Image; onRemoved?: () => void }) {
  const remove = useRemoveImage(onRemoved);
  const force = useRemoveImage(onRemoved);
  const name = imageName(image);
  const inUse = remove.error instanceof ApiError && remove.error.status === 409;
  return (
    <>
      <RoleGate min="developer" action="remove images">
        <Action mutation={remove} vars={{ image, force: false }} variant="danger" busyLabel="Removing…"
          confirm={{ title: `Remove image ${name}?`, body: image.tags.length > 1 ? 'Every tag of it goes.' : 'It is deleted from the host.', items: [name, ...image.tags.slice(1)], confirmLabel: 'Remove image' }}>
          Remove<span className="sr-only"> {name}</span>
        </Action>
      </RoleGate>
      {(inUse || force.error != null) && (
        <RoleGate min="developer" action="remove images">
          <Action mutation={force} vars={{ image, force: true }} variant="danger" busyLabel="Forcing…"
            confirm={{ title: `Force the removal of ${name}?`, body: 'The image goes although a stopped container uses it; that container can no longer start. An image a running container uses is still refused.', items: [name], confirmLabel: 'Force remove' }}>
            Force remove<span className="sr-only"> {name}</span>
          </Action>
        </RoleGate>
      )}
    </>
  );
}
