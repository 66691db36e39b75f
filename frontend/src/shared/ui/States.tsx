// The three states every page and panel has besides its data: loading, empty (with what to do
// next) and failed (the server's message, and a retry when there is one).
import type { ReactNode } from 'react';
import { describeError } from '../api/client';

export function LoadingState({ what = 'Loading…' }: { what?: string }) {
  return <p role="status" className="state loading">{what}</p>;
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state empty">
      <p><strong>{title}</strong></p>
      {children && <p>{children}</p>}
    </div>
  );
}

export function ErrorState({ error, prefix, retry }: { error: unknown; prefix?: string; retry?: () => void }) {
  return (
    <p role="alert" className="note bad state error">
      {prefix ? `${prefix}: ` : ''}{describeError(error)}
      {retry && <> <button type="button" onClick={retry}>Try again</button></>}
    </p>
  );
}
