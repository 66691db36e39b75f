// The 3-step create wizard (/containers/new), also Clone with changes (?clone=<id>: its config under
// a new name, created) and Edit (?edit=<id>: recreated with the changes, everything else kept).
// Each step is checked before the next; a server refusal (400/403) opens the step of the field it
// names and shows it there.
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../../../shared/api/client';
import type { ContainerOutcome } from '../../../shared/api/types';
import { navigate, Link, useLocation } from '../../../shared/router';
import { useCan } from '../../../shared/session/can';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { useHosts } from '../../hosts/queries';
import { AdvancedStep, ConfigStep, ImageStep } from '../components/WizardSteps';
import { containerHref } from '../keys';
import { useContainer, useSaveContainer } from '../queries';
import { buildBody, emptyForm, fieldKey, formFromConfig, stepOf, STEPS, validateAll, validateStep, type Errors, type WizardForm } from '../wizard';

function StepList({ step }: { step: number }) {
  return (
    <ol className="steps" aria-label="Steps">
      {STEPS.map((s, i) => <li key={s} aria-current={i === step ? 'step' : undefined} className={i < step ? 'done' : undefined}>{i + 1}. {s}</li>)}
    </ol>
  );
}

function Wizard({ initial, editing }: { initial: WizardForm; editing?: string }) {
  const [f, setF] = useState(initial);
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<Errors>({});
  const hosts = useHosts();
  const admin = useCan('admin', 'use privileged settings').allowed;
  const done = (o: ContainerOutcome) => navigate(containerHref({ id: o.id, host: f.host }));
  const save = useSaveContainer({ edit: editing, host: f.host }, done);
  const set = (p: Partial<WizardForm>) => setF((old) => ({ ...old, ...p }));

  // A server refusal: its field's step opens with the message on the field.
  useEffect(() => {
    const e = save.error;
    if (!(e instanceof ApiError) || !e.field) return;
    setErrors({ [fieldKey(e.field)]: `${e.message}${e.field.includes('.') || e.field.includes('[') ? ` (${e.field})` : ''}` });
    setStep(stepOf(e.field));
  }, [save.error]);

  const next = () => {
    const e = validateStep(f, step);
    setErrors(e);
    if (!Object.keys(e).length) setStep(step + 1);
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (step < STEPS.length - 1) return next();
    const bad = validateAll(f);
    if (bad) { setErrors(bad.errors); setStep(bad.step); return; }
    setErrors({});
    const body = buildBody(f, editing ? 'edit' : 'create');
    if (!admin) for (const k of ['privileged', 'devices', 'pid_mode'] as const) delete body[k];  // not shown: kept as they are
    save.mutate(body);
  };
  const whole = save.error && !(save.error instanceof ApiError && save.error.field) ? describeError(save.error) : undefined;
  const action = editing ? 'Recreate container' : 'Create container';
  return (
    <form onSubmit={submit} className="form wizard" aria-label={editing ? 'Edit container' : 'New container'} noValidate>
      <StepList step={step} />
      <h2>{STEPS[step]}</h2>
      {step === 0 && <ImageStep f={f} set={set} errors={errors} hosts={hosts.data ?? []} editing={Boolean(editing)} />}
      {step === 1 && <ConfigStep f={f} set={set} errors={errors} />}
      {step === 2 && <AdvancedStep f={f} set={set} errors={errors} admin={admin} />}
      {Object.keys(errors).length > 0 && <p role="alert" className="note bad">Fix the fields marked on this step.</p>}
      {whole && <p role="alert" className="note bad">{whole}</p>}
      <div className="actions">
        {step > 0 && <button type="button" onClick={() => { setErrors({}); setStep(step - 1); }}>Back</button>}
        {step < STEPS.length - 1
          ? <button type="submit" className="primary">Next</button>
          : <button type="submit" className="primary" disabled={save.isPending} aria-busy={save.isPending}>{save.isPending ? 'Working…' : action}</button>}
      </div>
      {editing && <p className="hint">The container is recreated with these settings; its networks, aliases, labels, health check and mounts are kept unless changed here. If the new one fails to start, the old one comes back.</p>}
    </form>
  );
}

function Prefilled({ id, host, mode }: { id: string; host: string; mode: 'clone' | 'edit' }) {
  const detail = useContainer(id, host);
  if (detail.error) return <ErrorState error={detail.error} />;
  if (!detail.data) return <LoadingState />;
  const c = detail.data.config;
  const form = formFromConfig(c, host || 'local', mode === 'clone' ? `${c.name}-copy` : c.name);
  return <Wizard initial={form} editing={mode === 'edit' ? id : undefined} />;
}

export default function ContainerWizardPage() {
  const { query } = useLocation();
  const host = query.get('host') ?? '';
  const canAct = useCan('developer', 'create containers');
  const from = query.get('edit') ?? query.get('clone');
  const mode = query.get('edit') ? 'edit' : 'clone';
  const title = !from ? 'New container' : mode === 'edit' ? `Edit ${from}` : `Clone ${from} with changes`;
  return (
    <section>
      <p className="meta"><Link href="/containers">Containers</Link> /</p>
      <h1>{title}</h1>
      {!canAct.allowed ? <p className="hint">{canAct.reason}</p>
        : from ? <Prefilled key={`${mode}${from}`} id={from} host={host} mode={mode} />
        : <Wizard initial={emptyForm(host || 'local')} />}
    </section>
  );
}
