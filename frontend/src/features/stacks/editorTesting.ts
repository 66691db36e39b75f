// Test helpers for the lazily loaded compose editor: wait for it to arrive, find its CodeMirror view,
// replace its text as typing would, and read the lines its lint marks are on. jsdom lays nothing out:
// the ranges CodeMirror measures get empty rectangles.
import { act } from 'react';
import { forEachDiagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';

if (typeof Range !== 'undefined' && !Range.prototype.getClientRects) {
  const none = { length: 0, item: () => null, [Symbol.iterator]: function* () { /* no rectangles */ } };
  Range.prototype.getClientRects = () => none as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => new DOMRect();
}

/** The editor's view under `root`, once its chunk has loaded (bounded wait). */
export async function editorIn(root: ParentNode, index = 0): Promise<EditorView> {
  for (let i = 0; i < 300; i++) {
    const el = root.querySelectorAll<HTMLElement>('.cm-editor')[index];
    if (el) return EditorView.findFromDOM(el)!;
    await act(async () => { await new Promise((r) => setTimeout(r, 10)); });
  }
  throw new Error('the compose editor did not load');
}

/** Replaces the whole text, as a user's edit does (the editor reports it). */
export function typeText(view: EditorView, text: string) {
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }));
}

/** [line, message] of every lint mark. */
export function markedLines(view: EditorView): [number, string][] {
  const out: [number, string][] = [];
  forEachDiagnostic(view.state, (d, from) => out.push([view.state.doc.lineAt(from).number, d.message]));
  return out;
}

/** The line the cursor is on. */
export const cursorLine = (view: EditorView) => view.state.doc.lineAt(view.state.selection.main.head).number;

/** Waits `ms` of real time inside act (for the validation's debounce). */
export const wait = (ms: number) => act(async () => { await new Promise((r) => setTimeout(r, ms)); });
