// The new-app wizard: repository and branch, build type (detected by the server when it can),
// port, then name and domain; creates the app and, if asked, starts its first deployment.
import { useState, type FormEvent } from 'react';
import { ApiError, describeError, post } from '../../../shared/api/client';
import type { App } from '../../../shared/api/types';
import { navigate } from '../../../shared/router';

const BUILD_TYPES = ['auto', 'dockerfile', 'nixpacks', 'buildpacks', 'static'];

export function suggestName(gitUrl: string): string {
  const last = gitUrl.replace(/\/+$/, '').split(/[/:]/).pop() ?? '';
  return last.replace(/\.git$/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
}

export default function NewApp() {
  const [step, setStep] = useState(1);
  const [f, setF] = useState({ git_url: '', branch: 'main', build_type: 'auto', dockerfile_path: '', port: '8080', name: '', domain: '' });
  const [detected, setDetected] = useState<string | null>(null);
  const [deployNow, setDeployNow] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; field?: string } | null>(null);
  const set = (k: keyof typeof f) => ({ value: f[k], onChange: (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value }) });

  // The server fetches the branch once and says what "auto" would build (and the Dockerfile's port).
  const detect = async () => {
    try {
      const r = await post<{ build_type: string | null; reason: string; port: number | null }>('/api/apps/detect', { git_url: f.git_url, branch: f.branch });
      const t = r.build_type;
      setDetected(t ? `Detected: ${t} (${r.reason})` : `Nothing detected: ${r.reason}`);
      setF((old) => ({ ...old, build_type: t ?? old.build_type, port: r.port ? String(r.port) : old.port, name: old.name || suggestName(old.git_url) }));
    } catch (e) {
      setDetected(`Detection failed: ${describeError(e)}`);
      setF((old) => ({ ...old, name: old.name || suggestName(old.git_url) }));
    }
  };

  const next = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (step === 1) { setBusy(true); await detect(); setBusy(false); setStep(2); return; }
    if (step === 2) { setStep(3); return; }
    setBusy(true);
    try {
      const body: Record<string, unknown> = {
        name: f.name, git_url: f.git_url, branch: f.branch, port: Number(f.port), build_type: f.build_type,
        domains: f.domain ? [f.domain] : [],
      };
      if (f.dockerfile_path) body.dockerfile_path = f.dockerfile_path;
      const app = await post<App>('/api/apps', body);
      if (deployNow) await post(`/api/apps/${app.id}/deploy`);
      navigate(`/apps/${encodeURIComponent(app.name)}`);
    } catch (err) {
      setError({ text: describeError(err), field: err instanceof ApiError ? err.field : undefined });
      const back = err instanceof ApiError && (err.field === 'git_url' || err.field === 'branch') ? 1 : err instanceof ApiError && err.field === 'port' ? 2 : 3;
      setStep(back);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>New app</h1>
      <p aria-live="polite">Step {step} of 3: {['Repository', 'Build', 'Name and domain'][step - 1]}</p>
      <form onSubmit={next} className="card form" aria-label="New app">
        {step === 1 && (
          <>
            <label>Git repository URL<input {...set('git_url')} required placeholder="https://github.com/you/app.git" autoFocus /></label>
            <label>Branch<input {...set('branch')} required /></label>
          </>
        )}
        {step === 2 && (
          <>
            {detected && <p role="status">{detected}</p>}
            <label>Build type
              <select {...set('build_type')}>{BUILD_TYPES.map((t) => <option key={t}>{t}</option>)}</select>
            </label>
            {f.build_type === 'dockerfile' && <label>Dockerfile path (relative to the repository)<input {...set('dockerfile_path')} placeholder="Dockerfile" /></label>}
            <label>Port the app listens on<input {...set('port')} type="number" min={1} max={65535} required /></label>
          </>
        )}
        {step === 3 && (
          <>
            <label>App name<input {...set('name')} required pattern="[a-z0-9][a-z0-9-]*" title="lower-case letters, digits and '-'" autoFocus /></label>
            <label>Domain (optional)<input {...set('domain')} placeholder="app.example.com" /></label>
            <label className="check"><input type="checkbox" checked={deployNow} onChange={(e) => setDeployNow(e.target.checked)} /> Deploy right away</label>
          </>
        )}
        {error && <p role="alert" className="note bad">{error.text}</p>}
        <div>
          {step > 1 && <button type="button" onClick={() => setStep(step - 1)}>Back</button>}{' '}
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {busy ? 'Working…' : step < 3 ? 'Next' : 'Create app'}
          </button>
        </div>
      </form>
    </section>
  );
}
