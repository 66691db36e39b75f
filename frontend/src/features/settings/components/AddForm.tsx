// The inline form that adds an API token or a user, the same way for both: the submit button busy while
// the request runs, and the server's error that no field of the form carries said below the form.
import type { FormEvent, ReactNode } from 'react';
import { formError } from '../../../shared/data/useApiMutation';

interface Props<V> {
  /** The form's accessible name ("Add a user"). */
  label: string;
  mutation: { mutate: (vars: V) => void; isPending: boolean; error: unknown };
  /** What the submit sends. */
  vars: V;
  /** The fields (each a <Field> among `children`, with its own error): the server's error for one of them is not repeated below. */
  fields: readonly string[];
  /** The submit button's text. */
  submit: string;
  children: ReactNode;
}

export function AddForm<V>({ label, mutation, vars, fields, submit, children }: Props<V>) {
  const onSubmit = (e: FormEvent) => { e.preventDefault(); mutation.mutate(vars); };
  const whole = formError(mutation.error, fields);
  return (
    <>
      <form onSubmit={onSubmit} className="inline" aria-label={label}>
        {children}
        <button type="submit" className="primary" disabled={mutation.isPending} aria-busy={mutation.isPending}>{submit}</button>
      </form>
      {whole && <p role="alert" className="note bad">{whole}</p>}
    </>
  );
}
