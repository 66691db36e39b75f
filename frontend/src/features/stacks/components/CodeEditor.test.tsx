// The CodeMirror editor keeps the text byte for byte (CRLF, a lone CR, tabs, no final newline), names
// itself by its label, marks the server's issues on their lines, and moves the cursor to a line on request.
import { act, createRef, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { forEachDiagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { renderInto } from '../../../shared/testing/render';
import '../editorTesting';  // jsdom's ranges get the rectangles CodeMirror measures
import CodeEditor, { lineSeparatorOf, type EditorHandle } from './CodeEditor';

const viewIn = (div: HTMLElement) => EditorView.findFromDOM(div.querySelector<HTMLElement>('.cm-editor')!)!;

describe('CodeEditor', () => {
  it('keeps CRLF, tabs and a missing final newline exactly, and reports exactly its text', () => {
    expect(lineSeparatorOf('a\r\nb\r\n')).toBe('\r\n');
    expect(lineSeparatorOf('a\r\nb\nc')).toBe('\n');
    expect(lineSeparatorOf('a\nb')).toBe('\n');
    const text = 'services:\r\n  web:\r\n    image: "shop:1"\t# tab\r\n    command: [a,   b]';
    const onChange = vi.fn();
    const { div } = renderInto(<CodeEditor value={text} onChange={onChange} labelledBy="lbl" describedBy="help" marks={[]} />);
    const view = viewIn(div);
    expect(view.state.sliceDoc()).toBe(text);
    expect(view.state.doc.lines).toBe(4);
    act(() => view.dispatch({ changes: { from: view.state.doc.line(2).to, insert: `${view.state.lineBreak}    restart: always` } }));
    expect(onChange).toHaveBeenLastCalledWith('services:\r\n  web:\r\n    restart: always\r\n    image: "shop:1"\t# tab\r\n    command: [a,   b]');
    const content = div.querySelector('.cm-content')!;
    expect(content.getAttribute('aria-labelledby')).toBe('lbl');
    expect(content.getAttribute('aria-describedby')).toBe('help');
    expect(content.getAttribute('role')).toBe('textbox');
  });

  it('keeps a lone carriage return as a character instead of a line break', () => {
    const text = 'a\rb\nc\n';
    const { div } = renderInto(<CodeEditor value={text} onChange={() => undefined} labelledBy="lbl" marks={[]} />);
    const view = viewIn(div);
    expect(view.state.doc.lines).toBe(3);
    expect(view.state.sliceDoc()).toBe(text);
  });

  it('marks issues on their lines and goes to a line', () => {
    const text = 'services:\n  web:\n    imagee: shop\n';
    const ref = createRef<EditorHandle>();
    const { div } = renderInto(<CodeEditor ref={ref} value={text} onChange={() => undefined} labelledBy="lbl"
      marks={[{ line: 3, message: 'line 3: services.web.imagee: unknown key' }, { line: 1, message: 'whole file: bad' }]} />);
    const view = viewIn(div);
    const found: [number, string][] = [];
    forEachDiagnostic(view.state, (d, from) => found.push([view.state.doc.lineAt(from).number, d.message]));
    expect(found).toEqual([[1, 'whole file: bad'], [3, 'line 3: services.web.imagee: unknown key']]);
    act(() => ref.current!.goToLine(3));
    expect(view.state.doc.lineAt(view.state.selection.main.head).number).toBe(3);
    act(() => ref.current!.goToLine(99));
    expect(view.state.doc.lineAt(view.state.selection.main.head).number).toBe(4);
  });

  it('takes a new text from outside, with its own line ending, and keeps the marks', () => {
    let replace!: (t: string) => void;
    function Harness() {
      const [text, setText] = useState('a\nb\n');
      replace = setText;
      return <CodeEditor value={text} onChange={setText} labelledBy="lbl" marks={[{ line: 2, message: 'two' }]} />;
    }
    const { div } = renderInto(<Harness />);
    act(() => replace('x\r\ny\r\n'));
    const view = viewIn(div);
    expect([view.state.lineBreak, view.state.sliceDoc()]).toEqual(['\r\n', 'x\r\ny\r\n']);
    const lines: number[] = [];
    forEachDiagnostic(view.state, (_d, from) => lines.push(view.state.doc.lineAt(from).number));
    expect(lines).toEqual([2]);
    act(() => replace('p\nq'));
    expect([viewIn(div).state.lineBreak, viewIn(div).state.sliceDoc()]).toEqual(['\n', 'p\nq']);
  });
});
