// Port, branch, domains, health check and resource limits of an app, saved with PUT /api/apps/{id}.
import { useState, type FormEvent } from 'react';
import { describeError, put } from '../../../shared/api/client';
import type { App } from '../../../shared/api/types';

const MiB = 1024 * 1024;

export function AppSettings({ app, onSaved }: { app: App; onSaved: (a: App) => void }) {
  const h = app.healthcheck;
  const [f, setF] = useState({
    branch: app.branch, port: String(app.port), domains: app.domains.join('\n'),
    hcPath: h.path, hcInterval: String(h.interval_ms), hcTimeout: String(h.timeout_ms), hcRetries: String(h.retries),
    hcStart: String(h.start_period_ms),
    memory: app.resources.memory_limit_bytes ? String(Math.round(app.resources.memory_limit_bytes / MiB)) : '',
    cpu: app.resources.cpu_limit_millis ? String(app.resources.cpu_limit_millis) : '',
  });
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const field = (k: keyof typeof f) => ({ value: f[k], onChange: (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value }) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true); setMsg(null);
    try {
      const body = {
        branch: f.branch, port: Number(f.port),
        domains: f.domains.split(/[\s,]+/).filter(Boolean),
        healthcheck: { path: f.hcPath, interval_ms: Number(f.hcInterval), timeout_ms: Number(f.hcTimeout), retries: Number(f.hcRetries), start_period_ms: Number(f.hcStart) },
        resources: { memory_limit_bytes: f.memory ? Number(f.memory) * MiB : null, cpu_limit_millis: f.cpu ? Number(f.cpu) : null },
      };
      onSaved(await put<App>(`/api/apps/${encodeURIComponent(app.id)}`, body));
      setMsg({ ok: true, text: 'Saved. Changes apply from the next deployment.' });
    } catch (err) {
      setMsg({ ok: false, text: describeError(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="form two">
      <label>Branch<input {...field('branch')} required /></label>
      <label>Container port<input {...field('port')} type="number" min={1} max={65535} required /></label>
      <label className="wide">Domains (one per line)<textarea {...field('domains')} rows={3} /></label>
      <fieldset className="wide">
        <legend>Health check</legend>
        <label>Path<input {...field('hcPath')} /></label>
        <label>Interval (ms)<input {...field('hcInterval')} type="number" min={0} /></label>
        <label>Timeout (ms)<input {...field('hcTimeout')} type="number" min={0} /></label>
        <label>Retries<input {...field('hcRetries')} type="number" min={0} /></label>
        <label>Start period (ms)<input {...field('hcStart')} type="number" min={0} /></label>
      </fieldset>
      <fieldset className="wide">
        <legend>Resources</legend>
        <label>Memory limit (MiB, empty: none)<input {...field('memory')} type="number" min={4} /></label>
        <label>CPU limit (millicores, empty: none)<input {...field('cpu')} type="number" min={10} /></label>
      </fieldset>
      <div className="wide">
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>{busy ? 'Saving…' : 'Save settings'}</button>
        {msg && <span role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'note ok' : 'note bad'}>{msg.text}</span>}
      </div>
    </form>
  );
}
