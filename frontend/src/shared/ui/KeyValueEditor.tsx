// Rows of key = value with optional per-row flags (checkboxes), added and removed in place; the
// caller decides how a value is shown (a secret's mask) and saves the rows itself.
import type { InputHTMLAttributes } from 'react';

export interface KeyValueRow { key: string; value: string }

export interface Flag<R> {
  field: keyof R & string;
  header: string;
  /** Accessible name of the row's checkbox, e.g. "API_KEY is secret". */
  label: (key: string) => string;
}

interface Props<R extends KeyValueRow> {
  rows: R[];
  onChange: (rows: R[]) => void;
  newRow: () => R;
  flags?: Flag<R>[];
  /** Extra props for a row's value input (type, placeholder, focus handling). */
  valueProps?: (row: R, update: (patch: Partial<R>) => void) => InputHTMLAttributes<HTMLInputElement>;
  className?: string;
  addLabel?: string;
  keyError?: (row: R, index: number) => string | undefined;
}

export function KeyValueEditor<R extends KeyValueRow>({ rows, onChange, newRow, flags = [], valueProps, className, addLabel = 'Add', keyError }: Props<R>) {
  const update = (i: number, patch: Partial<R>) => onChange(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const name = (r: R) => r.key || 'new variable';
  return (
    <>
      <table className={`kv ${className ?? ''}`}>
        <thead>
          <tr>
            <th scope="col">Key</th><th scope="col">Value</th>
            {flags.map((f) => <th key={f.field} scope="col">{f.header}</th>)}
            <th scope="col"><span className="sr-only">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const err = keyError?.(r, i);
            return (
              <tr key={i}>
                <td>
                  <input aria-label={`Key ${i + 1}`} value={r.key} aria-invalid={err ? true : undefined} onChange={(e) => update(i, { key: e.target.value } as Partial<R>)} />
                  {err && <small className="field-error">{err}</small>}
                </td>
                <td>
                  <input aria-label={`Value of ${name(r)}`} value={r.value} {...valueProps?.(r, (p) => update(i, p))}
                    onChange={(e) => update(i, { value: e.target.value } as Partial<R>)} />
                </td>
                {flags.map((f) => (
                  <td key={f.field}>
                    <input type="checkbox" aria-label={f.label(name(r))} checked={Boolean(r[f.field])}
                      onChange={(e) => update(i, { [f.field]: e.target.checked } as Partial<R>)} />
                  </td>
                ))}
                <td><button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>Remove<span className="sr-only"> {r.key}</span></button></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" onClick={() => onChange([...rows, newRow()])}>{addLabel}</button>
    </>
  );
}
