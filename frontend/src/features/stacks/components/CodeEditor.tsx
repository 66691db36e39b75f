// The compose file editor: CodeMirror 6 with YAML highlighting, in a chunk of its own (loaded lazily by
// ComposeWorkbench). It keeps the text byte for byte: the document keeps the file's own line ending (CRLF
// stays CRLF, a lone CR stays a character) and reports state.sliceDoc(), exactly its text. The server's
// issues are lint marks on their lines; Tab leaves the editor, Ctrl-Shift-M / F8 open and walk the issues.
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { minimalSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, type Text } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import type { LineMark } from '../composeIssues';

export interface EditorHandle {
  /** Puts the cursor at the start of a line (1-based, clamped) and focuses the editor. */
  goToLine: (line: number) => void;
}

export interface CodeEditorProps {
  value: string;
  onChange: (text: string) => void;
  /** The id of the visible label (the editor's accessible name) and of its description. */
  labelledBy: string;
  describedBy?: string;
  marks: readonly LineMark[];
  readOnly?: boolean;
}

/** The line ending a text uses: CRLF when every line feed follows a carriage return, LF otherwise. */
export function lineSeparatorOf(text: string): '\r\n' | '\n' {
  return text.includes('\r\n') && !/(^|[^\r])\n/.test(text) ? '\r\n' : '\n';
}

/** The marks as lint diagnostics on whole lines. */
export function diagnosticsOf(doc: Text, marks: readonly LineMark[]): Diagnostic[] {
  return marks.map((m) => {
    const line = doc.line(Math.min(Math.max(m.line, 1), doc.lines));
    return { from: line.from, to: line.to, severity: 'error', message: m.message, source: 'server' };
  });
}

const paper = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid var(--line)', borderRadius: '8px', minHeight: '16rem' },
  '.cm-scroller': { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, monospace", maxHeight: '70vh', minHeight: '16rem' },
});

const CodeEditor = forwardRef<EditorHandle, CodeEditorProps>(function CodeEditor({ value, onChange, labelledBy, describedBy, marks, readOnly = false }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const editable = useRef(new Compartment());
  const shownMarks = useRef(marks);
  shownMarks.current = marks;

  const stateFor = (text: string) => EditorState.create({
    doc: text,
    extensions: [
      EditorState.lineSeparator.of(lineSeparatorOf(text)),
      // Pasted text takes the file's line ending, so the document stays one kind.
      EditorView.clipboardInputFilter.of((t, state) => t.replace(/\r\n|\r|\n/g, state.lineBreak)),
      minimalSetup,
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      yaml(),
      lintGutter(),
      keymap.of(lintKeymap),
      paper,
      editable.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
      EditorView.contentAttributes.of({ 'aria-labelledby': labelledBy, ...(describedBy ? { 'aria-describedby': describedBy } : {}) }),
      EditorView.updateListener.of((u) => { if (u.docChanged) changed.current(u.state.sliceDoc()); }),
    ],
  });

  useEffect(() => {
    const v = new EditorView({ state: stateFor(value), parent: host.current! });
    view.current = v;
    return () => { v.destroy(); view.current = null; };
  }, []);  // made once: later values and marks reach it through the effects below

  // A new text from outside (a file uploaded, a save answered): replace the document, with a fresh state
  // when its line ending differs.
  useEffect(() => {
    const v = view.current;
    if (!v || v.state.sliceDoc() === value) return;
    if (lineSeparatorOf(value) !== v.state.lineBreak) {
      v.setState(stateFor(value));
      v.dispatch(setDiagnostics(v.state, diagnosticsOf(v.state.doc, shownMarks.current)));
    } else {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  // The server's issues: on the lines they name (edits since move them with their text).
  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, diagnosticsOf(v.state.doc, marks)));
  }, [marks]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]) });
  }, [readOnly]);

  useImperativeHandle(ref, () => ({
    goToLine(line: number) {
      const v = view.current;
      if (!v) return;
      const at = v.state.doc.line(Math.min(Math.max(line, 1), v.state.doc.lines));
      v.dispatch({ selection: { anchor: at.from }, scrollIntoView: true });
      v.focus();
    },
  }), []);

  return <div ref={host} className="code-editor" data-testid="compose-editor" />;
});

export default CodeEditor;
