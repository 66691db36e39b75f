// A box that scrolls sideways when its content (a wide table) is wider than a narrow screen, so
// the page itself never does; it is focusable and named, so keyboard users can scroll it too.
import type { ReactNode } from 'react';

export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}
