// A labelled form control with the server's error for it underneath, tied to the control for
// screen readers (aria-invalid, aria-describedby) but outside the label, so the control's name
// stays its label. The control is the single child.
import { cloneElement, useId, type ReactElement } from 'react';

interface Props {
  label: string;
  error?: string;
  hint?: string;
  className?: string;
  children: ReactElement;
}

export function Field({ label, error, hint, className, children }: Props) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {error && <small id={`${id}-error`} className="field-error">{error}</small>}
    </div>
  );
}
