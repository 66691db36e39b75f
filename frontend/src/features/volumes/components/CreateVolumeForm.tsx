// Create a volume on one host: a name (Docker's rule, checked by the server too), a driver (local by
// default), labels and driver options. Options that bind a host path (type=none, o=bind, device=/...)
// follow the bind-mount policy: the server refuses them to non-admins outside the allowed roots.
import { useState, type FormEvent } from 'react';
import { fieldError, formError } from '../../../shared/data/useApiMutation';
import { Field } from '../../../shared/ui/Field';
import { KeyValueEditor, type KeyValueRow } from '../../../shared/ui/KeyValueEditor';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { useCreateVolume } from '../queries';
import type { VolumeCreated } from '../../../shared/api/types';

export const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const FIELDS = ['name', 'driver', 'labels', 'driver_opts'] as const;

const toMap = (rows: KeyValueRow[]) => Object.fromEntries(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value]));
const underField = (e: unknown, prefix: string) => {
  const f = (e as { field?: string } | null)?.field;
  return f && (f === prefix || f.startsWith(prefix + '.')) ? (e as Error).message : undefined;
};

export function CreateVolumeForm({ host, hostName, onCreated }: { host: string; hostName: string; onCreated?: (v: VolumeCreated) => void }) {
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [labels, setLabels] = useState<KeyValueRow[]>([]);
  const [opts, setOpts] = useState<KeyValueRow[]>([]);
  const create = useCreateVolume(host, (v) => { setName(''); setLabels([]); setOpts([]); onCreated?.(v); });
  const badName = name !== '' && !VOLUME_NAME.test(name) ? 'Letters, digits, _ . - (at least 2), starting with a letter or digit' : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (badName || !name) return;
    create.mutate({ name, driver: driver || 'local', labels: toMap(labels), driver_opts: toMap(opts) });
  };
  const labelsError = underField(create.error, 'labels');
  const optsError = underField(create.error, 'driver_opts');
  const error = labelsError || optsError ? undefined : formError(create.error, FIELDS);
  return (
    <form className="card" aria-labelledby="create-volume-title" onSubmit={submit}>
      <h2 id="create-volume-title">Create a volume <small className="hint">on {hostName}</small></h2>
      <Field label="Name" error={badName ?? fieldError(create.error, 'name')}>
        <input className="mono" value={name} onChange={(e) => setName(e.target.value)} required placeholder="pgdata" />
      </Field>
      <Field label="Driver" error={fieldError(create.error, 'driver')} hint="local unless a volume plugin is installed">
        <input className="mono" value={driver} onChange={(e) => setDriver(e.target.value)} />
      </Field>
      <fieldset>
        <legend>Labels</legend>
        <KeyValueEditor rows={labels} onChange={setLabels} newRow={() => ({ key: '', value: '' })} addLabel="Add label" />
        {labelsError && <p role="alert" className="field-error">{labelsError}</p>}
      </fieldset>
      <fieldset>
        <legend>Driver options</legend>
        <KeyValueEditor rows={opts} onChange={setOpts} newRow={() => ({ key: '', value: '' })} addLabel="Add option" />
        <p className="hint">e.g. type=tmpfs, device=tmpfs. Options that bind a host path (o=bind, device=/…) are for admins unless the path is under [docker] allowed_bind_roots.</p>
        {optsError && <p role="alert" className="field-error">{optsError}</p>}
      </fieldset>
      {error && <p role="alert" className="note bad">{error}</p>}
      <RoleGate min="developer" action="create volumes">
        <button type="submit" className="primary" disabled={create.isPending || !!badName || !name}>{create.isPending ? 'Creating…' : 'Create volume'}</button>
      </RoleGate>
    </form>
  );
}
