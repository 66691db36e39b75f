// A button that runs a mutation (shared/data/useApiMutation): busy while it runs, asks first when
// it destroys or interrupts something (ConfirmDialog), and keeps the server's error next to it
// after the toast is gone.
import { useState, type ReactNode } from 'react';
import { describeError } from '../api/client';
import { ConfirmDialog, type ConfirmSpec } from './ConfirmDialog';

export interface Runnable<V> {
  mutate: (vars: V) => void;
  isPending: boolean;
  error: unknown;
}

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
  const run = () => mutation.mutate(vars);
  return (
    <span className="action">
      <button type="button" className={variant} onClick={() => (confirm ? setAsking(true) : run())}
        disabled={mutation.isPending || disabled} aria-busy={mutation.isPending} {...why}>
        {mutation.isPending ? busyLabel : children}
      </button>
      {mutation.error != null && <span role="alert" className="note bad">{describeError(mutation.error)}</span>}
      {asking && confirm && (
        <ConfirmDialog spec={confirm} onCancel={() => setAsking(false)} onConfirm={() => { setAsking(false); run(); }} />
      )}
    </span>
  );
}
