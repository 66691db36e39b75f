// A button that runs an API call and says honestly what happened: busy while it runs, then the
// server's own error (or a short success note) next to it.
import { useState, type ReactNode } from 'react';
import { describeError } from '../api/client';

interface Props {
  run: () => Promise<string | void>;
  children: ReactNode;
  busyLabel?: string;
  variant?: 'primary' | 'danger' | 'plain';
  disabled?: boolean;
  confirm?: string;
}

export function Action({ run, children, busyLabel = 'Working…', variant = 'plain', disabled, confirm }: Props) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const click = async () => {
    if (confirm && !window.confirm(confirm)) return;
    setBusy(true);
    setResult(null);
    try {
      const note = await run();
      setResult(note ? { ok: true, text: note } : null);
    } catch (e) {
      setResult({ ok: false, text: describeError(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="action">
      <button type="button" className={variant} onClick={click} disabled={busy || disabled} aria-busy={busy}>
        {busy ? busyLabel : children}
      </button>
      {result && (
        <span role={result.ok ? 'status' : 'alert'} className={result.ok ? 'note ok' : 'note bad'}>
          {result.text}
        </span>
      )}
    </span>
  );
}
