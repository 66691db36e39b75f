// The compose file as the New page and the Compose tab edit it: the editor (its chunk loaded on demand),
// the server's validation 400 ms after typing stops and the issues of a refused save, both marked on
// their lines and listed below (each a button to its line), a file to upload into it, and the diff
// against the deployed file. The caller owns the text and its Save buttons (children).
import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { describeError } from '../../../shared/api/client';
import type { ComposeIssue, StackRevision } from '../../../shared/api/types';
import { LoadingState } from '../../../shared/ui/States';
import { composeIssuesOf, lineCount, lineMarks } from '../composeIssues';
import type { StackEnvBody } from '../envVars';
import { validateStack } from '../queries';
import type { EditorHandle } from './CodeEditor';
import { IssueList } from './IssueList';
import { LineDiffView } from './LineDiffView';

const CodeEditor = lazy(() => import('./CodeEditor'));

/** How long after the last keystroke the file is validated. */
export const VALIDATE_AFTER_MS = 400;

/** A file's bytes as text: UTF-8, refused when it is not; a byte-order mark stays (the text is kept as is). */
export function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.onload = () => {
      try {
        resolve(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(reader.result as ArrayBuffer));
      } catch {
        reject(new Error('it is not UTF-8 text'));
      }
    };
    reader.readAsArrayBuffer(file);
  });
}

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'done'; issues: ComposeIssue[]; from: 'check' | 'save' } | { state: 'failed'; error: unknown };

interface Props {
  label: string;
  text: string;
  onChange: (text: string) => void;
  /** What a validation is sent besides the text: the stack's name and variables. */
  name?: string;
  env?: StackEnvBody;
  composeFile?: string;
  /** A refused create or save: its issues (400 invalid_compose) replace the last validation's. */
  saveError?: unknown;
  /** The revision last deployed, for "Diff against deployed"; undefined on the New page. */
  deployed?: StackRevision | null;
  readOnly?: boolean;
  children?: ReactNode;
}

export function ComposeWorkbench({ label, text, onChange, name, env, composeFile, saveError, deployed, readOnly, children }: Props) {
  const id = useId();
  const editor = useRef<EditorHandle>(null);
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [showDiff, setShowDiff] = useState(false);
  const [upload, setUpload] = useState<{ ok: boolean; text: string } | null>(null);
  const asked = useRef(0);
  const envKey = JSON.stringify(env ?? {});

  useEffect(() => {
    if (!text.trim()) { asked.current++; setCheck({ state: 'idle' }); return; }
    const timer = setTimeout(() => {
      const n = ++asked.current;
      setCheck({ state: 'checking' });
      const body = { compose: text, ...(name ? { name } : {}), ...(env && Object.keys(env).length ? { env } : {}) };
      validateStack(body).then(
        (r) => { if (n === asked.current) setCheck({ state: 'done', issues: r.issues, from: 'check' }); },
        (error: unknown) => { if (n === asked.current) setCheck({ state: 'failed', error }); },
      );
    }, VALIDATE_AFTER_MS);
    return () => clearTimeout(timer);
    // env is compared by its content (envKey), not by the object the caller built this render.
  }, [text, name, envKey]);

  useEffect(() => {
    const issues = composeIssuesOf(saveError);
    if (issues) { asked.current++; setCheck({ state: 'done', issues, from: 'save' }); }
  }, [saveError]);

  const issues = check.state === 'done' ? check.issues : [];
  const lines = lineCount(text);
  const marks = useMemo(() => lineMarks(issues, lines, composeFile), [issues, lines, composeFile]);

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    readText(file).then(
      (t) => { onChange(t); setUpload({ ok: true, text: `Loaded ${file.name} into the editor (not saved yet).` }); },
      (err: Error) => setUpload({ ok: false, text: `${file.name} was not loaded: ${err.message}.` }),
    );
  };

  const status = check.state === 'checking' ? 'Checking…'
    : check.state === 'failed' ? `Could not check the file: ${describeError(check.error)}`
      : check.state === 'done' ? (issues.length === 0 ? 'No issues found.' : `${issues.length} issue${issues.length === 1 ? '' : 's'}${check.from === 'save' ? ': not saved' : ''}.`)
        : '';
  return (
    <div className="compose-workbench">
      <div className="compose-tools">
        <span id={`${id}-label`} className="compose-label">{label}</span>
        <label className="upload">Upload file <input type="file" accept=".yml,.yaml,application/yaml,text/yaml" onChange={onFile} disabled={readOnly} /></label>
        {deployed !== undefined && (
          <button type="button" aria-pressed={showDiff} disabled={!deployed} onClick={() => setShowDiff(!showDiff)}
            title={deployed ? undefined : 'Nothing deployed yet'}>
            Diff against deployed
          </button>
        )}
      </div>
      {upload && <p role={upload.ok ? 'status' : 'alert'} className={`note ${upload.ok ? 'ok' : 'bad'}`}>{upload.text}</p>}
      <p id={`${id}-help`} className="hint">
        YAML, kept exactly as typed. Tab leaves the editor; Ctrl-Shift-M lists the issues in it, F8 goes to the next one.
      </p>
      <Suspense fallback={<LoadingState what="Loading the editor…" />}>
        <CodeEditor ref={editor} value={text} onChange={onChange} labelledBy={`${id}-label`} describedBy={`${id}-help ${id}-status`}
          marks={marks} readOnly={readOnly} />
      </Suspense>
      <p id={`${id}-status`} role="status" className={`compose-status ${issues.length || check.state === 'failed' ? 'bad' : ''}`}>{status}</p>
      <IssueList id={`${id}-issues`} issues={issues} lines={lines} composeFile={composeFile} onGoTo={(line) => editor.current?.goToLine(line)} />
      {children}
      {showDiff && deployed && <LineDiffView before={deployed.compose} after={text} revision={deployed.revision} />}
    </div>
  );
}
