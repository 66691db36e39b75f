// Bulk paste of a .env file: the text is parsed as it is typed, with a preview of the variables and an
// error for each bad line; they are added to the editor (not saved) only when every line reads.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { parseDotenv, type DotenvVar } from '../dotenv';

export interface PastedVars { vars: DotenvVar[]; secret: boolean }

export function EnvPasteDialog({ onAdd, onCancel }: { onAdd: (p: PastedVars) => void; onCancel: () => void }) {
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [secret, setSecret] = useState(false);
  const parsed = parseDotenv(text);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    area.current?.focus();
    return () => opener?.focus?.();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => { if (e.key === 'Escape') { e.preventDefault(); onCancel(); } };
  const n = parsed.vars.length;
  return (
    <div className="modal-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby={`${id}-t`} className="card modal env-paste" onKeyDown={onKeyDown}>
        <h2 id={`${id}-t`}>Paste a .env file</h2>
        <label htmlFor={`${id}-text`}>KEY=VALUE lines (comments, quotes and <code>export</code> are understood)</label>
        <textarea id={`${id}-text`} ref={area} rows={8} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-errors`} aria-invalid={parsed.errors.length > 0 || undefined} />
        <ul id={`${id}-errors`} className="paste-errors" aria-live="polite">
          {parsed.errors.map((e) => <li key={e.line} className="bad">Line {e.line}: {e.message}</li>)}
        </ul>
        {n > 0 && (
          <table className="kv" aria-label="Variables to add">
            <thead><tr><th scope="col">Line</th><th scope="col">Key</th><th scope="col">Value</th></tr></thead>
            <tbody>
              {parsed.vars.map((v) => (
                <tr key={v.key}><td>{v.line}</td><td><code>{v.key}</code></td><td>{secret ? '********' : <code>{v.value}</code>}</td></tr>
              ))}
            </tbody>
          </table>
        )}
        <label className="check"><input type="checkbox" checked={secret} onChange={(e) => setSecret(e.target.checked)} /> Mark them secret</label>
        <div className="actions">
          <button type="button" onClick={onCancel}>Cancel</button>
          <button type="button" className="primary" disabled={n === 0 || parsed.errors.length > 0}
            onClick={() => onAdd({ vars: parsed.vars, secret })}>
            {parsed.errors.length > 0 ? 'Fix the lines above' : `Add ${n} variable${n === 1 ? '' : 's'}`}
          </button>
        </div>
      </div>
    </div>
  );
}
