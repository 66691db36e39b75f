// Wraps one action (a button, an <Action>, or a link styled as a button) that needs a role: for a
// role below it, the action is shown disabled with the reason as its tooltip and accessible
// description, so nobody clicks into a 403. One mechanism for every page (shared/session/can.ts).
import { cloneElement, type ReactElement, type ReactNode } from 'react';
import { useCan, type MinRole } from '../session/can';

interface Props {
  min: MinRole;
  /** Completes "Viewers cannot …". */
  action: string;
  children: ReactElement;
}

export function RoleGate({ min, action, children }: Props) {
  const can = useCan(min, action);
  if (can.allowed) return children;
  const said = { title: can.reason, 'aria-description': can.reason };
  const props = children.props as { href?: string; children?: ReactNode; className?: string };
  // A link cannot be disabled: show its text as a disabled link instead.
  const shown = props.href !== undefined
    ? <span role="link" aria-disabled="true" className={`${props.className ?? ''} disabled`} {...said}>{props.children}</span>
    : cloneElement(children, { disabled: true, ...said });
  return <span className="role-gate" title={can.reason}>{shown}</span>;
}
