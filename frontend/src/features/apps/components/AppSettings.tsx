// Port, branch, domains, auto-deploy, health check and resource limits of an app, saved with PUT /api/apps/{id};
// the server's complaint appears under the field it names (its `field` is the JSON path).
import { useState, type FormEvent } from 'react';
import type { App } from '../../../shared/api/types';
import { fieldError, formError } from '../../../shared/data/useApiMutation';
import { Field } from '../../../shared/ui/Field';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { useUpdateApp } from '../queries';

const MiB = 1024 * 1024;
const FIELDS = ['branch', 'port', 'domains', 'healthcheck.path', 'healthcheck.interval_ms', 'healthcheck.timeout_ms',
  'healthcheck.retries', 'healthcheck.start_period_ms', 'resources.memory_limit_bytes', 'resources.cpu_limit_millis'] as const;

export function AppSettings({ app }: { app: App }) {
  const h = app.healthcheck;
  const [f, setF] = useState({
    branch: app.branch, port: String(app.port), domains: app.domains.join('\n'),
    hcPath: h.path, hcInterval: String(h.interval_ms), hcTimeout: String(h.timeout_ms), hcRetries: String(h.retries),
    hcStart: String(h.start_period_ms),
    memory: app.resources.memory_limit_bytes ? String(Math.round(app.resources.memory_limit_bytes / MiB)) : '',
    cpu: app.resources.cpu_limit_millis ? String(app.resources.cpu_limit_millis) : '',
  });
  const [autoDeploy, setAutoDeploy] = useState(app.auto_deploy);
  const save = useUpdateApp(app);
  const field = (k: keyof typeof f) => ({ value: f[k], onChange: (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value }) });
  const err = (name: (typeof FIELDS)[number]) => fieldError(save.error, name);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      branch: f.branch, port: Number(f.port),
      domains: f.domains.split(/[\s,]+/).filter(Boolean),
      healthcheck: { path: f.hcPath, interval_ms: Number(f.hcInterval), timeout_ms: Number(f.hcTimeout), retries: Number(f.hcRetries), start_period_ms: Number(f.hcStart) },
      resources: { memory_limit_bytes: f.memory ? Number(f.memory) * MiB : null, cpu_limit_millis: f.cpu ? Number(f.cpu) : null },
      auto_deploy: autoDeploy,
    });
  };
  const whole = formError(save.error, FIELDS);

  return (
    <form onSubmit={submit} className="form two" aria-label="App settings">
      <Field label="Branch" error={err('branch')}><input {...field('branch')} required /></Field>
      <Field label="Container port" error={err('port')}><input {...field('port')} type="number" min={1} max={65535} required /></Field>
      <Field label="Domains (one per line)" error={err('domains')} className="wide"><textarea {...field('domains')} rows={3} /></Field>
      <label className="wide">
        <input type="checkbox" checked={autoDeploy} onChange={(e) => setAutoDeploy(e.target.checked)} /> Deploy on push
        <small className="hint"> (a verified webhook push to the branch deploys it; off: pushes are listed as ignored)</small>
      </label>
      <fieldset className="wide">
        <legend>Health check</legend>
        <Field label="Path" error={err('healthcheck.path')}><input {...field('hcPath')} /></Field>
        <Field label="Interval (ms)" error={err('healthcheck.interval_ms')}><input {...field('hcInterval')} type="number" min={0} /></Field>
        <Field label="Timeout (ms)" error={err('healthcheck.timeout_ms')}><input {...field('hcTimeout')} type="number" min={0} /></Field>
        <Field label="Retries" error={err('healthcheck.retries')}><input {...field('hcRetries')} type="number" min={0} /></Field>
        <Field label="Start period (ms)" error={err('healthcheck.start_period_ms')}><input {...field('hcStart')} type="number" min={0} /></Field>
      </fieldset>
      <fieldset className="wide">
        <legend>Resources</legend>
        <Field label="Memory limit (MiB, empty: none)" error={err('resources.memory_limit_bytes')}><input {...field('memory')} type="number" min={4} /></Field>
        <Field label="CPU limit (millicores, empty: none)" error={err('resources.cpu_limit_millis')}><input {...field('cpu')} type="number" min={10} /></Field>
      </fieldset>
      <div className="wide">
        <RoleGate min="developer" action="change app settings"><button type="submit" className="primary" disabled={save.isPending} aria-busy={save.isPending}>{save.isPending ? 'Saving…' : 'Save settings'}</button></RoleGate>
        {whole && <span role="alert" className="note bad">{whole}</span>}
      </div>
    </form>
  );
}
