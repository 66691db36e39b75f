// The new-app wizard: repository and branch, build type (detected by the server when it can),
// port, then name and domain; creates the app and, if asked, starts its first deployment. When the
// server cannot read the branch the wizard stops there, with the reason on the field to fix; it
// goes on without detection only when the user says so.
import { useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../../../shared/api/client';
import { fieldError, formError } from '../../../shared/data/useApiMutation';
import { Field } from '../../../shared/ui/Field';
import { RoleGate } from '../../../shared/ui/RoleGate';
import { detectBuild, useCreateApp } from '../queries';
import { navigate } from '../../../shared/router';

const BUILD_TYPES = ['auto', 'dockerfile', 'nixpacks', 'buildpacks', 'static'];

/** The server's app-name rule (api/apps/app_validation.cpp: 1-63 of a-z 0-9 '-', no '-' at either end) as an
 * HTML `pattern`, which browsers compile with the `v` flag: there a '-' inside a class must be escaped. */
export const APP_NAME_PATTERN = '[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?';

export function suggestName(gitUrl: string): string {
  const last = gitUrl.replace(/\/+$/, '').split(/[/:]/).pop() ?? '';
  return last.replace(/\.git$/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
}

// Which step holds the field the server complained about.
const STEP_OF: Record<string, number> = { git_url: 1, branch: 1, git_credentials: 1, build_type: 2, dockerfile_path: 2, port: 2, name: 3, domains: 3 };
const FIELDS = Object.keys(STEP_OF);

export default function NewAppPage() {
  const [step, setStep] = useState(1);
  const [f, setF] = useState({ git_url: '', branch: 'main', build_type: 'auto', dockerfile_path: '', port: '8080', name: '', domain: '' });
  const [detected, setDetected] = useState<string | null>(null);
  const [deployNow, setDeployNow] = useState(true);
  const [detecting, setDetecting] = useState(false);
  const [detectError, setDetectError] = useState<unknown>(null);
  const create = useCreateApp((app) => navigate(`/apps/${encodeURIComponent(app.name)}`));
  const set = (k: keyof typeof f) => ({ value: f[k], onChange: (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value }) });
  const err = (name: string) => fieldError(create.error, name) ?? fieldError(detectError, name);
  const named = () => setF((old) => ({ ...old, name: old.name || suggestName(old.git_url) }));

  // The server fetches the branch once and says what "auto" would build (and the Dockerfile's port).
  // Whether it could read the branch: if not, the wizard stays on the repository step.
  const detect = async (): Promise<boolean> => {
    try {
      const r = await detectBuild(f.git_url, f.branch);
      const t = r.build_type;
      setDetected(t ? `Detected: ${t} (${r.reason})` : `Nothing detected: ${r.reason}`);
      setF((old) => ({ ...old, build_type: t ?? old.build_type, port: r.port ? String(r.port) : old.port }));
      named();
      return true;
    } catch (e) {
      setDetectError(e);
      return false;
    }
  };
  const withoutDetection = () => {
    setDetectError(null);
    setDetected('Not detected: choose the build type and the port yourself.');
    named();
    setStep(2);
  };

  const next = async (e: FormEvent) => {
    e.preventDefault();
    create.reset();
    setDetectError(null);
    if (step === 1) {
      setDetecting(true);
      const ok = await detect();
      setDetecting(false);
      if (ok) setStep(2);
      return;
    }
    if (step === 2) { setStep(3); return; }
    const body: Record<string, unknown> = {
      name: f.name, git_url: f.git_url, branch: f.branch, port: Number(f.port), build_type: f.build_type,
      domains: f.domain ? [f.domain] : [],
    };
    if (f.dockerfile_path) body.dockerfile_path = f.dockerfile_path;
    create.mutate({ body, deployNow }, {
      onError: (err) => setStep(err instanceof ApiError && err.field ? STEP_OF[err.field] ?? 3 : 3),
    });
  };
  const busy = detecting || create.isPending;
  const whole = formError(create.error, FIELDS);

  return (
    <section>
      <h1>New app</h1>
      <p aria-live="polite">Step {step} of 3: {['Repository', 'Build', 'Name and domain'][step - 1]}</p>
      <form onSubmit={next} className="card form" aria-label="New app">
        {step === 1 && (
          <>
            <Field label="Git repository URL" error={err('git_url')}><input {...set('git_url')} required placeholder="https://github.com/you/app.git" autoFocus /></Field>
            <Field label="Branch" error={err('branch')}><input {...set('branch')} required /></Field>
            {detectError != null && (
              <div role="alert" className="note bad">
                <p>Detection failed: {describeError(detectError)}</p>
                <p>Fix the repository URL or the branch and press Next again, or{' '}
                  <button type="button" className="link underline" onClick={withoutDetection}>continue without detection</button>.</p>
              </div>
            )}
          </>
        )}
        {step === 2 && (
          <>
            {detected && <p role="status">{detected}</p>}
            <Field label="Build type" error={err('build_type')}>
              <select {...set('build_type')}>{BUILD_TYPES.map((t) => <option key={t}>{t}</option>)}</select>
            </Field>
            {f.build_type === 'dockerfile' && <Field label="Dockerfile path (relative to the repository)" error={err('dockerfile_path')}><input {...set('dockerfile_path')} placeholder="Dockerfile" /></Field>}
            <Field label="Port the app listens on" error={err('port')}><input {...set('port')} type="number" min={1} max={65535} required /></Field>
          </>
        )}
        {step === 3 && (
          <>
            <Field label="App name" error={err('name')}><input {...set('name')} required pattern={APP_NAME_PATTERN} maxLength={63} title="1-63 lower-case letters, digits and '-', not starting or ending with '-'" autoFocus /></Field>
            <Field label="Domain (optional)" error={err('domains')}><input {...set('domain')} placeholder="app.example.com" /></Field>
            <label className="check"><input type="checkbox" checked={deployNow} onChange={(e) => setDeployNow(e.target.checked)} /> Deploy right away</label>
          </>
        )}
        {whole && <p role="alert" className="note bad">{whole}</p>}
        <div>
          {step > 1 && <button type="button" onClick={() => setStep(step - 1)}>Back</button>}{' '}
          <RoleGate min="developer" action="create apps"><button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {busy ? 'Working…' : step < 3 ? 'Next' : 'Create app'}
          </button></RoleGate>
        </div>
      </form>
    </section>
  );
}
