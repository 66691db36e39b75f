// A stack's stored variables as the Env tab edits them, and as the API takes them back: a secret's
// value never comes back from the server, so a stored secret left empty is sent as null (the server
// keeps its value); a typed value replaces it.
import type { KeyValueRow } from '../../shared/ui/KeyValueEditor';
import type { StackDetail, StackInput } from '../../shared/api/types';

export interface StackEnvRow extends KeyValueRow {
  secret: boolean;
  /** A secret the server keeps (its value is write-only): left empty, it stays as stored. */
  stored: boolean;
}

export type StackEnvBody = NonNullable<StackInput['env']>;

/** What the input shows in place of a stored secret's value. */
export const STORED_SECRET = '••• (stored)';

export const newEnvRow = (): StackEnvRow => ({ key: '', value: '', secret: false, stored: false });

export function envRows(env: StackDetail['env']): StackEnvRow[] {
  return Object.entries(env).map(([key, v]) => ({ key, value: v.value ?? '', secret: v.secret, stored: v.secret && v.value === null }));
}

/** Whether the row keeps the secret the server stores (nothing typed over it). */
export const keepsStored = (r: StackEnvRow) => r.secret && r.stored && r.value === '';

/** The body's `env`: every named row; a stored secret left empty as {value: null}. */
export function envBody(rows: readonly StackEnvRow[]): StackEnvBody {
  const out: StackEnvBody = {};
  for (const r of rows) {
    const key = r.key.trim();
    if (key) out[key] = { value: keepsStored(r) ? null : r.value, secret: r.secret };
  }
  return out;
}

/** The `env` a validation is sent: validation cannot read stored secrets, so one left as stored
 * stands in with a placeholder (set, like the stored one, so `${KEY:?}` does not fail). */
export function validationEnv(rows: readonly StackEnvRow[]): StackEnvBody {
  const out: StackEnvBody = {};
  for (const r of rows) {
    const key = r.key.trim();
    if (key) out[key] = { value: keepsStored(r) ? 'stored-secret' : r.value, secret: r.secret };
  }
  return out;
}

/** Same keys, values and flags in the same order as stored: nothing to save. */
export function sameEnv(rows: readonly StackEnvRow[], env: StackDetail['env']): boolean {
  const stored = envRows(env);
  return rows.length === stored.length && rows.every((r, i) =>
    r.key === stored[i].key && r.secret === stored[i].secret && (keepsStored(r) ? stored[i].stored : r.value === stored[i].value && !stored[i].stored));
}

/** A key used twice: the server would keep only one. */
export function duplicateKey(rows: readonly StackEnvRow[], index: number): string | undefined {
  const key = rows[index].key.trim();
  return key && rows.findIndex((r) => r.key.trim() === key) !== index ? `${key} is already above` : undefined;
}
