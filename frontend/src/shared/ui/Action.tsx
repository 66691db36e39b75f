// A button that runs a mutation (shared/data/useApiMutation): busy while it runs, asks first when
// it destroys or interrupts something (ConfirmDialog), and keeps the server's error next to it
// after the toast is gone, until the next action (this one or another) starts or a minute passes:
// an old error must not read as the result of what the user did since.
import { useEffect, useState, type ReactNode } from 'react';
import { describeError } from '../api/client';
import { ConfirmDialog, type ConfirmSpec } from './ConfirmDialog';

export interface Runnable<V> {
  mutate: (vars: V) => void;
  isPending: boolean;
  error: unknown;
  /** Forgets the error (TanStack's mutation reset). */
  reset?: () => void;
}

/** How long an action's error stays beside its button. */
export const NOTE_MS = 60_000;
// Every mounted Action with an error, told when any action starts.
const started = new Set<() => void>();

interface Props<V> {
  mutation: Runnable<V>;
  vars: V;
  children: ReactNode;
  busyLabel?: string;
  variant?: 'primary' | 'danger' | 'plain';
  disabled?: boolean;
  confirm?: ConfirmSpec;
  /** Why it is disabled (RoleGate): the button's tooltip and accessible description. */
  title?: string;
  'aria-description'?: string;
}

export function Action<V>({ mutation, vars, children, busyLabel = 'Working…', variant = 'plain', disabled, confirm, ...why }: Props<V>) {
  const [asking, setAsking] = useState(false);
  const { error, reset } = mutation;
  useEffect(() => {
    if (error == null || !reset) return;
    started.add(reset);
    const timer = setTimeout(reset, NOTE_MS);
    return () => { started.delete(reset); clearTimeout(timer); };
  }, [error, reset]);
  const run = () => { started.forEach((r) => r()); mutation.mutate(vars); };
  return (
    <span className="action">
      <button type="button" className={variant} onClick={() => (confirm ? setAsking(true) : run())}
        disabled={mutation.isPending || disabled} aria-busy={mutation.isPending} {...why}>
        {mutation.isPending ? busyLabel : children}
      </button>
      {error != null && <span role="alert" className="note bad">{describeError(error)}</span>}
      {asking && confirm && (
        <ConfirmDialog spec={confirm} onCancel={() => setAsking(false)} onConfirm={() => { setAsking(false); run(); }} />
      )}
    </span>
  );
}
