// The wizard's three steps as form sections: the image (and name, host), the configuration
// (command, entrypoint, env, ports, restart), and the advanced settings (mounts, networks, limits,
// labels, user, health check and the settings only admins may use). Each field shows its error.
import type { ReactNode } from 'react';
import type { Host } from '../../../shared/api/types';
import { Field } from '../../../shared/ui/Field';
import { KeyValueEditor, type KeyValueRow } from '../../../shared/ui/KeyValueEditor';
import type { Errors, MountRow, NetworkRow, PortRow, WizardForm } from '../wizard';

export interface StepProps { f: WizardForm; set: (p: Partial<WizardForm>) => void; errors: Errors }

function Rows<R>({ legend, rows, error, onChange, empty, add, render }: {
  legend: string; rows: R[]; error?: string; onChange: (rows: R[]) => void; empty: R; add: string;
  render: (r: R, update: (p: Partial<R>) => void, i: number) => ReactNode;
}) {
  const update = (i: number, p: Partial<R>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
  return (
    <div className="rows" role="group" aria-label={legend}>
      <h3>{legend}</h3>
      {rows.map((r, i) => (
        <div className="inline row" key={i}>
          {render(r, (p) => update(i, p), i)}
          <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>Remove<span className="sr-only"> {legend} {i + 1}</span></button>
        </div>
      ))}
      {error && <p className="field-error" role="alert">{error}</p>}
      <button type="button" onClick={() => onChange([...rows, empty])}>{add}</button>
    </div>
  );
}

/** A group of key = value rows (the environment, the labels) under its heading, with its error. */
function Pairs({ label, heading, rows, onChange, add, error }: {
  label: string; heading: string; rows: KeyValueRow[]; onChange: (rows: KeyValueRow[]) => void; add: string; error?: string;
}) {
  return (
    <div role="group" aria-label={label}>
      <h3>{heading}</h3>
      <KeyValueEditor rows={rows} onChange={onChange} newRow={() => ({ key: '', value: '' })} addLabel={add} />
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}

export function ImageStep({ f, set, errors, hosts, editing }: StepProps & { hosts: Host[]; editing: boolean }) {
  return (
    <>
      <Field label="Image" error={errors.image} hint="A local image or one the host can pull, e.g. nginx:1.27">
        <input value={f.image} onChange={(e) => set({ image: e.target.value })} required autoFocus />
      </Field>
      <Field label="Name" error={errors.name} hint="Optional: the engine makes one up">
        <input value={f.name} onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <Field label="Host" error={errors.host}>
        <select value={f.host} onChange={(e) => set({ host: e.target.value })} disabled={editing}>
          {(hosts.length ? hosts : [{ id: 'local', name: 'local' } as Host]).map((h) => <option key={h.id} value={h.id}>{h.name}{h.ok === false ? ' (unreachable)' : ''}</option>)}
        </select>
      </Field>
      {!editing && <label className="check"><input type="checkbox" checked={f.start} onChange={(e) => set({ start: e.target.checked })} /> Start it once created</label>}
    </>
  );
}

const PROTOCOLS: PortRow['protocol'][] = ['tcp', 'udp', 'sctp'];

export function ConfigStep({ f, set, errors }: StepProps) {
  return (
    <>
      <Field label="Command" error={errors.command} hint="Empty: the image's. Words split on spaces; quote a word with spaces.">
        <input className="mono" value={f.command} onChange={(e) => set({ command: e.target.value })} placeholder={`sh -c 'echo hello; sleep 3600'`} />
      </Field>
      <Field label="Entrypoint" error={errors.entrypoint} hint="Empty: the image's.">
        <input className="mono" value={f.entrypoint} onChange={(e) => set({ entrypoint: e.target.value })} />
      </Field>
      <Pairs label="Environment variables" heading="Environment" rows={f.env} onChange={(env) => set({ env })} add="Add variable" error={errors.env} />
      <Rows<PortRow> legend="Ports" rows={f.ports} error={errors.ports} onChange={(ports) => set({ ports })} add="Add port"
        empty={{ container: '', host: '', host_ip: '', protocol: 'tcp' }}
        render={(p, u, i) => (
          <>
            <label>Container port<input inputMode="numeric" value={p.container} onChange={(e) => u({ container: e.target.value })} aria-label={`Container port ${i + 1}`} /></label>
            <label>Host port<input inputMode="numeric" value={p.host} onChange={(e) => u({ host: e.target.value })} placeholder="any" aria-label={`Host port ${i + 1}`} /></label>
            <label>Host IP<input value={p.host_ip} onChange={(e) => u({ host_ip: e.target.value })} placeholder="all" aria-label={`Host IP ${i + 1}`} /></label>
            <label>Protocol<select value={p.protocol} onChange={(e) => u({ protocol: e.target.value as PortRow['protocol'] })} aria-label={`Protocol ${i + 1}`}>{PROTOCOLS.map((x) => <option key={x}>{x}</option>)}</select></label>
          </>
        )} />
      <div className="inline">
        <Field label="Restart policy" error={errors.restart_policy}>
          <select value={f.restart} onChange={(e) => set({ restart: e.target.value })}>
            {['no', 'always', 'unless-stopped', 'on-failure'].map((r) => <option key={r}>{r}</option>)}
          </select>
        </Field>
        {f.restart === 'on-failure' && (
          <Field label="Retries"><input inputMode="numeric" value={f.restart_retries} onChange={(e) => set({ restart_retries: e.target.value })} placeholder="unlimited" /></Field>
        )}
      </div>
    </>
  );
}

function MountsAndNetworks({ f, set, errors }: StepProps) {
  return (
    <>
      <Rows<MountRow> legend="Volumes and bind mounts" rows={f.mounts} error={errors.mounts} onChange={(mounts) => set({ mounts })} add="Add mount"
        empty={{ type: 'volume', source: '', target: '', read_only: false }}
        render={(m, u, i) => (
          <>
            <label>Type<select value={m.type} onChange={(e) => u({ type: e.target.value as MountRow['type'] })} aria-label={`Mount type ${i + 1}`}>
              <option value="volume">volume</option><option value="bind">bind</option><option value="tmpfs">tmpfs</option></select></label>
            <label>Source<input value={m.source} onChange={(e) => u({ source: e.target.value })} disabled={m.type === 'tmpfs'}
              placeholder={m.type === 'bind' ? '/path/on/host' : m.type === 'volume' ? 'volume name (empty: anonymous)' : ''} aria-label={`Mount source ${i + 1}`} /></label>
            <label>Target<input value={m.target} onChange={(e) => u({ target: e.target.value })} placeholder="/path/in/container" aria-label={`Mount target ${i + 1}`} /></label>
            <label className="check"><input type="checkbox" checked={m.read_only} onChange={(e) => u({ read_only: e.target.checked })} aria-label={`Mount ${i + 1} read-only`} /> read-only</label>
          </>
        )} />
      <Rows<NetworkRow> legend="Networks" rows={f.networks} error={errors.networks} onChange={(networks) => set({ networks })} add="Add network"
        empty={{ name: '', aliases: '', ipv4_address: '', ipv6_address: '' }}
        render={(n, u, i) => (
          <>
            <label>Network<input value={n.name} onChange={(e) => u({ name: e.target.value })} aria-label={`Network ${i + 1}`} /></label>
            <label>Aliases<input value={n.aliases} onChange={(e) => u({ aliases: e.target.value })} placeholder="comma-separated" aria-label={`Aliases on network ${i + 1}`} /></label>
          </>
        )} />
    </>
  );
}

function Health({ f, set, errors }: StepProps) {
  const h = f.health;
  const setH = (p: Partial<WizardForm['health']>) => set({ health: { ...h, ...p } });
  return (
    <div role="group" aria-label="Health check">
      <h3>Health check</h3>
      <div className="inline">
        <Field label="Health check">
          <select value={h.kind} onChange={(e) => setH({ kind: e.target.value as WizardForm['health']['kind'] })}>
            <option value="image">the image's</option><option value="shell">a shell command</option><option value="exec">a command (no shell)</option><option value="disable">none (disable the image's)</option>
          </select>
        </Field>
        {(h.kind === 'shell' || h.kind === 'exec') && (
          <>
            <Field label="Test command"><input className="mono" value={h.test} onChange={(e) => setH({ test: e.target.value })} placeholder="wget -q -O- localhost:8000/health" /></Field>
            <Field label="Interval"><input value={h.interval} onChange={(e) => setH({ interval: e.target.value })} placeholder="30s" /></Field>
            <Field label="Timeout"><input value={h.timeout} onChange={(e) => setH({ timeout: e.target.value })} placeholder="30s" /></Field>
            <Field label="Start period"><input value={h.start_period} onChange={(e) => setH({ start_period: e.target.value })} placeholder="0s" /></Field>
            <Field label="Retries"><input inputMode="numeric" value={h.retries} onChange={(e) => setH({ retries: e.target.value })} placeholder="3" /></Field>
          </>
        )}
      </div>
      {errors.healthcheck && <p className="field-error" role="alert">{errors.healthcheck}</p>}
    </div>
  );
}

export function AdvancedStep({ f, set, errors, admin }: StepProps & { admin: boolean }) {
  return (
    <>
      <MountsAndNetworks f={f} set={set} errors={errors} />
      <div className="inline">
        <Field label="Memory limit" error={errors.memory} hint="e.g. 512m; empty: none"><input value={f.memory} onChange={(e) => set({ memory: e.target.value })} /></Field>
        <Field label="CPUs" error={errors.cpus} hint="e.g. 0.5; empty: no limit"><input inputMode="decimal" value={f.cpus} onChange={(e) => set({ cpus: e.target.value })} /></Field>
        <Field label="User" error={errors.user} hint="name or uid[:gid]"><input value={f.user} onChange={(e) => set({ user: e.target.value })} /></Field>
      </div>
      <Pairs label="Labels" heading="Labels" rows={f.labels} onChange={(labels) => set({ labels })} add="Add label" error={errors.labels} />
      <Health f={f} set={set} errors={errors} />
      <div role="group" aria-label="Engine settings" className="inline">
        <Field label="Network mode" error={errors.network_mode} hint={admin ? 'bridge, host, none, container:<name> or a network\'s name' : 'bridge, none, container:<name> or a network\'s name (host: admins)'}>
          <input value={f.network_mode} onChange={(e) => set({ network_mode: e.target.value })} placeholder="bridge" />
        </Field>
        <Field label="Added capabilities" error={errors.cap_add} hint={admin ? 'e.g. NET_ADMIN' : 'only the short safe list (e.g. NET_BIND_SERVICE)'}>
          <input value={f.cap_add} onChange={(e) => set({ cap_add: e.target.value })} />
        </Field>
      </div>
      {admin && (
        <div role="group" aria-labelledby="admin-only-settings" className="admin-only">
          <h3 id="admin-only-settings">Settings only admins may use</h3>
          <div className="inline">
            <label className="check"><input type="checkbox" checked={f.privileged} onChange={(e) => set({ privileged: e.target.checked })} aria-invalid={errors.privileged ? true : undefined} /> Privileged</label>
            {errors.privileged && <p className="field-error" role="alert">{errors.privileged}</p>}
            <Field label="Devices" error={errors.devices} hint="e.g. /dev/fuse"><input value={f.devices} onChange={(e) => set({ devices: e.target.value })} /></Field>
            <Field label="PID namespace" error={errors.pid_mode}>
              <select value={f.pid_mode} onChange={(e) => set({ pid_mode: e.target.value })}><option value="">its own</option><option value="host">the host's</option></select>
            </Field>
          </div>
        </div>
      )}
    </>
  );
}
