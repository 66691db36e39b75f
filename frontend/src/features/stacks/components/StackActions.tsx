// Deploy, Pull & redeploy, Start, Stop and Restart, for the whole stack (services in dependency order)
// or, with `service`, for one service's row. Developers act; a viewer sees each disabled with the reason.
// An external stack (its file unreadable) cannot be deployed: start, stop and down only.
import { Action } from '../../../shared/ui/Action';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { useDeployStack, useStackAction } from '../queries';
import type { StackSummary } from '../../../shared/api/types';

export const EXTERNAL = 'An external stack\'s compose file is not readable here: start, stop and down only';

export function StackActions({ stack, service }: { stack: Pick<StackSummary, 'name' | 'source'>; service?: string }) {
  const deploy = useDeployStack(stack.name);
  const pull = useDeployStack(stack.name, true);
  const start = useStackAction(stack.name, 'start');
  const stop = useStackAction(stack.name, 'stop');
  const restart = useStackAction(stack.name, 'restart');
  const vars = service ? { service } : {};
  const external = stack.source === 'external';
  const what = service ?? stack.name;
  const which = service ? <span className="sr-only"> {service}</span> : null;
  return (
    <span className="actions">
      <RoleGate min="developer" action="deploy stacks">
        <Action mutation={deploy} vars={vars} variant={service ? 'plain' : 'primary'} busyLabel="Deploying…" disabled={external} title={external ? EXTERNAL : undefined}>
          Deploy{which}
        </Action>
      </RoleGate>
      <RoleGate min="developer" action="deploy stacks">
        <Action mutation={pull} vars={vars} busyLabel="Pulling…" disabled={external} title={external ? EXTERNAL : undefined}>
          Pull &amp; redeploy{which}
        </Action>
      </RoleGate>
      <RoleGate min="developer" action="start stacks"><Action mutation={start} vars={vars} busyLabel="Starting…">Start{which}</Action></RoleGate>
      <RoleGate min="developer" action="stop stacks">
        <Action mutation={stop} vars={vars} busyLabel="Stopping…"
          confirm={{ title: `Stop ${what}?`, body: service ? 'Its container stops until you start it again.' : 'Its containers stop, dependents first, until you start it again.', confirmLabel: `Stop ${what}` }}>
          Stop{which}
        </Action>
      </RoleGate>
      <RoleGate min="developer" action="restart stacks"><Action mutation={restart} vars={vars} busyLabel="Restarting…">Restart{which}</Action></RoleGate>
    </span>
  );
}
