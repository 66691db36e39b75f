// A stack's variables as rows (key, value, secret): a stored secret's value never comes back, so its
// input is empty with "••• (stored)" and a typed value replaces it; left empty it stays as stored.
import { fieldError } from '../../../shared/data/useApiMutation';
import { KeyValueEditor, type Flag } from '../../../shared/ui/KeyValueEditor';
import { duplicateKey, newEnvRow, STORED_SECRET, type StackEnvRow } from '../envVars';

const FLAGS: Flag<StackEnvRow>[] = [{ field: 'secret', header: 'Secret', label: (k) => `${k} is secret` }];

export function StackEnvRows({ rows, onChange, error }: { rows: StackEnvRow[]; onChange: (rows: StackEnvRow[]) => void; error?: unknown }) {
  return (
    <KeyValueEditor<StackEnvRow> rows={rows} onChange={onChange} className="env" addLabel="Add variable" newRow={newEnvRow} flags={FLAGS}
      keyError={(r, i) => duplicateKey(rows, i) ?? fieldError(error, `env.${r.key.trim()}`)}
      valueProps={(r) => ({
        type: r.secret ? 'password' : 'text',
        autoComplete: 'off',
        placeholder: r.secret && r.stored ? STORED_SECRET : '',
        title: r.secret && r.stored ? 'Stored and write-only: type a new value to replace it, or leave it empty to keep it' : undefined,
      })} />
  );
}
