// Environment variables: secrets stay masked (the server keeps a secret whose mask is sent back).
import { useEffect, useState } from 'react';
import { describeError, get, put } from '../../../shared/api/client';
import type { EnvVar } from '../../../shared/api/types';

const MASK = '********';

export function EnvEditor({ appId }: { appId: string }) {
  const [vars, setVars] = useState<EnvVar[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<EnvVar[]>(`/api/apps/${encodeURIComponent(appId)}/env`).then(setVars).catch((e) => setError(describeError(e)));
  }, [appId]);

  const update = (i: number, patch: Partial<EnvVar>) =>
    setVars((v) => v && v.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const save = async () => {
    setBusy(true); setError(null); setSaved(null);
    try {
      const body = { vars: (vars ?? []).filter((v) => v.key).map(({ key, value, secret, build_time }) => ({ key, value, secret, build_time })) };
      setVars(await put<EnvVar[]>(`/api/apps/${encodeURIComponent(appId)}/env`, body));
      setSaved('Saved. The next deployment uses these values.');
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  if (!vars) return error ? <p role="alert" className="note bad">{error}</p> : <p role="status">Loading…</p>;
  return (
    <div>
      <table className="env">
        <thead><tr><th scope="col">Key</th><th scope="col">Value</th><th scope="col">Secret</th><th scope="col">Build time</th><th scope="col"><span className="sr-only">Remove</span></th></tr></thead>
        <tbody>
          {vars.map((v, i) => (
            <tr key={i}>
              <td><input aria-label={`Key ${i + 1}`} value={v.key} onChange={(e) => update(i, { key: e.target.value })} /></td>
              <td>
                <input aria-label={`Value of ${v.key || 'new variable'}`} type={v.secret ? 'password' : 'text'} value={v.value}
                  placeholder={v.secret && v.value === MASK ? 'unchanged' : ''}
                  onFocus={() => { if (v.secret && v.value === MASK) update(i, { value: '' }); }}
                  onBlur={() => { if (v.secret && v.value === '' && v.updated_at) update(i, { value: MASK }); }}
                  onChange={(e) => update(i, { value: e.target.value })} />
              </td>
              <td><input type="checkbox" aria-label={`${v.key || 'new variable'} is secret`} checked={v.secret} onChange={(e) => update(i, { secret: e.target.checked })} /></td>
              <td><input type="checkbox" aria-label={`${v.key || 'new variable'} is available at build time`} checked={v.build_time} onChange={(e) => update(i, { build_time: e.target.checked })} /></td>
              <td><button type="button" onClick={() => setVars(vars.filter((_, j) => j !== i))}>Remove<span className="sr-only"> {v.key}</span></button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setVars([...vars, { key: '', value: '', secret: false, build_time: false }])}>Add variable</button>{' '}
      <button type="button" className="primary" onClick={save} disabled={busy} aria-busy={busy}>{busy ? 'Saving…' : 'Save variables'}</button>
      {error && <p role="alert" className="note bad">{error}</p>}
      {saved && <p role="status" className="note ok">{saved}</p>}
    </div>
  );
}
