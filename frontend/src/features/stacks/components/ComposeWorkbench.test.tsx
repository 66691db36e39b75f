// The compose workbench: it validates 400 ms after typing stops (only the last answer counts), marks each
// issue on its line and lists it ("line 3: …") as a button to that line, puts a refused save's issues in
// the editor, loads an uploaded file byte for byte, and shows the diff against the deployed file.
import { act, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api/client';
import type { ComposeIssue, StackRevision } from '../../../shared/api/types';
import { button, json } from '../../../shared/testing/dom';
import { renderInto } from '../../../shared/testing/render';
import { cursorLine, editorIn, markedLines, typeText, wait } from '../editorTesting';
import { revision } from '../fixtures';
import { ComposeWorkbench } from './ComposeWorkbench';

function Harness({ initial = '', saveError, deployed }: { initial?: string; saveError?: unknown; deployed?: StackRevision | null }) {
  const [text, setText] = useState(initial);
  return <ComposeWorkbench label="Compose file" text={text} onChange={setText} name="shop" env={{ MODE: { value: 'prod', secret: false } }} saveError={saveError} deployed={deployed} />;
}
const issue = (line: number, key: string, message: string): ComposeIssue => ({ file: 'compose.yaml', line, key, message });
const listed = (div: HTMLElement) => [...div.querySelectorAll('[aria-label="Issues in the compose file"] li')].map((li) => li.textContent);

afterEach(() => vi.unstubAllGlobals());

describe('ComposeWorkbench', () => {
  it('validates after typing stops, marks the issue on its line and lists it as a link to the line', async () => {
    const bodies: unknown[] = [];
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init?: RequestInit) => {
      const body = JSON.parse(init!.body as string);
      bodies.push(body);
      const bad = body.compose.includes('imagee');
      return json(200, { valid: !bad, issues: bad ? [issue(3, 'services.web.imagee', 'unknown key (did you mean image?)'), issue(0, '', 'no service has an image')] : [] });
    }));
    const { div } = renderInto(<Harness />);
    const view = await editorIn(div);
    expect(view.contentDOM.getAttribute('aria-labelledby')).toBe(div.querySelector('.compose-label')!.id);
    expect(div.querySelector('.compose-label')!.textContent).toBe('Compose file');
    typeText(view, 'services:\n  web:\n    imag');
    await wait(100);
    typeText(view, 'services:\n  web:\n    imagee: shop:1\n');
    await wait(200);
    expect(bodies).toEqual([]);  // still typing: nothing asked yet
    await wait(400);
    expect(bodies).toEqual([{ compose: 'services:\n  web:\n    imagee: shop:1\n', name: 'shop', env: { MODE: { value: 'prod', secret: false } } }]);
    expect(listed(div)).toEqual(['line 3: services.web.imagee: unknown key (did you mean image?)', 'whole file: no service has an image']);
    expect(markedLines(view)).toEqual([[1, 'whole file: no service has an image'], [3, 'line 3: services.web.imagee: unknown key (did you mean image?)']]);
    expect(div.querySelector('.compose-status')!.textContent).toBe('2 issues.');

    act(() => button(div, 'line 3: services.web.imagee: unknown key (did you mean image?)')!.click());
    expect(cursorLine(view)).toBe(3);
    act(() => button(div, 'whole file: no service has an image')!.click());
    expect(cursorLine(view)).toBe(1);

    typeText(view, 'services:\n  web:\n    image: shop:1\n');
    await wait(500);
    expect(listed(div)).toEqual([]);
    expect(markedLines(view)).toEqual([]);
    expect(div.querySelector('.compose-status')!.textContent).toBe('No issues found.');
  });

  it('puts the issues of a refused save on their lines', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { valid: true, issues: [] })));
    const refused = new ApiError(400, 'invalid_compose', 'compose.yaml:2: services.web.ports[0]: bad port', 'compose', undefined,
      { code: 'invalid_compose', issues: [issue(2, 'services.web.ports[0]', 'bad port'), { file: '.env', line: 1, key: '', message: 'expected KEY=value' }] });
    const { div } = renderInto(<Harness initial={'services:\n  web:\n    ports: [x]\n'} saveError={refused} />);
    const view = await editorIn(div);
    expect(markedLines(view)).toEqual([[2, 'line 2: services.web.ports[0]: bad port']]);
    expect(listed(div)).toEqual(['line 2: services.web.ports[0]: bad port', '.env line 1: expected KEY=value']);
    expect(button(div, '.env line 1: expected KEY=value')).toBeUndefined();  // not in the editor: plain text
    expect(div.querySelector('.compose-status')!.textContent).toBe('2 issues: not saved.');
  });

  it('loads an uploaded file exactly, line endings and byte-order mark included', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { valid: true, issues: [] })));
    const { div } = renderInto(<Harness />);
    const view = await editorIn(div);
    const text = '\ufeffservices:\r\n  web:\r\n    image: "shop:1"\r\n';
    const input = div.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.closest('label')!.textContent).toContain('Upload file');
    Object.defineProperty(input, 'files', { value: [new File([new TextEncoder().encode(text)], 'compose.yml')], configurable: true });
    await act(async () => { input.dispatchEvent(new Event('change', { bubbles: true })); });
    await wait(50);
    expect(view.state.sliceDoc()).toBe(text);
    expect(div.textContent).toContain('Loaded compose.yml into the editor');
  });

  it('shows the lines added and removed since the deployed revision, with signs and words', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { valid: true, issues: [] })));
    const deployed = revision(3, { compose: 'services:\n  web:\n    image: shop:1\n' });
    const { div } = renderInto(<Harness initial={'services:\n  web:\n    image: shop:2\n'} deployed={deployed} />);
    await editorIn(div);
    const toggle = button(div, 'Diff against deployed')!;
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    act(() => toggle.click());
    const diff = div.querySelector('[aria-label="Changes against the deployed compose file (revision 3)"]')!;
    expect(diff.querySelector('[role="status"]')!.textContent).toBe('1 line added, 1 line removed since revision 3.');
    const changed = [...diff.querySelectorAll('li.diff-added, li.diff-removed')].map((li) => li.textContent);
    expect(changed).toEqual(['3-removed:     image: shop:1', '3+added:     image: shop:2']);
  });

  it('offers no diff before anything is deployed', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { valid: true, issues: [] })));
    const { div } = renderInto(<Harness initial="services: {}\n" deployed={null} />);
    await editorIn(div);
    expect(button(div, 'Diff against deployed')!.disabled).toBe(true);
  });
});
