// A new stack: Create sends the name, the editor's exact text and the variables (a secret flagged), and
// goes to the stack's page; a refused file's issues land on their lines; a taken name goes on Name.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { button, inputFor, json, typeInto } from '../../../shared/testing/dom';
import { settle } from '../../../shared/testing/render';
import { renderAs, userAs } from '../../../shared/testing/roles';
import { editorIn, markedLines, typeText } from '../editorTesting';
import { shop } from '../fixtures';
import NewStackPage from './NewStackPage';

const submit = (div: HTMLElement) => div.querySelector<HTMLButtonElement>('button[type="submit"]')!;

afterEach(() => vi.unstubAllGlobals());

describe('NewStackPage', () => {
  it('creates the stack from the name, the exact text and the variables, then opens it', async () => {
    const posted: unknown[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/stacks/validate') return json(200, { valid: true, issues: [] });
      posted.push(JSON.parse(init!.body as string));
      return json(201, shop);
    }));
    act(() => history.replaceState(null, '', '/stacks/new'));
    const { div, client } = renderAs(userAs('developer'), <NewStackPage />);
    const view = await editorIn(div);
    expect(submit(div).disabled).toBe(true);
    act(() => typeInto(inputFor(div, 'Name'), 'shop'));
    const text = 'services:\r\n  web:\r\n    image: shop:1\r\n    environment:\r\n      TOKEN: ${TOKEN}\r\n';
    typeText(view, text);
    act(() => button(div, 'Add variable')!.click());
    act(() => typeInto(div.querySelector<HTMLInputElement>('input[aria-label="Key 1"]')!, 'TOKEN'));
    act(() => typeInto(div.querySelector<HTMLInputElement>('input[aria-label="Value of TOKEN"]')!, 't0k'));
    act(() => div.querySelector<HTMLInputElement>('input[aria-label="TOKEN is secret"]')!.click());
    await act(async () => submit(div).click());
    await settle(client);
    expect(posted).toEqual([{ name: 'shop', compose: text, env: { TOKEN: { value: 't0k', secret: true } } }]);
    expect(location.pathname).toBe('/stacks/shop');
  });

  it('puts a refused file\'s issues on their lines and a taken name on Name', async () => {
    let answer = json(400, { error: { code: 'invalid_compose', message: 'compose.yaml:3: services.web.imagee: unknown key', field: 'compose',
      issues: [{ file: 'compose.yaml', line: 3, key: 'services.web.imagee', message: 'unknown key' }] } });
    vi.stubGlobal('fetch', vi.fn(async (url: string) => (url === '/api/stacks/validate' ? json(200, { valid: true, issues: [] }) : answer)));
    const { div, client } = renderAs(userAs('developer'), <NewStackPage />);
    const view = await editorIn(div);
    act(() => typeInto(inputFor(div, 'Name'), 'shop'));
    typeText(view, 'services:\n  web:\n    imagee: shop:1\n');
    await act(async () => submit(div).click());
    await settle(client);
    expect(markedLines(view)).toEqual([[3, 'line 3: services.web.imagee: unknown key']]);
    expect(div.querySelector('[aria-label="Issues in the compose file"]')!.textContent).toBe('line 3: services.web.imagee: unknown key');
    expect(div.querySelector('.new-stack > [role="alert"]')).toBeNull();  // the issues say it: no second message

    answer = json(409, { error: { code: 'stack_exists', message: 'a stack named "shop" exists', field: 'name' } });
    await act(async () => submit(div).click());
    await settle(client);
    expect(inputFor(div, 'Name').getAttribute('aria-invalid')).toBe('true');
    expect(div.querySelector('.field-error')!.textContent).toBe('a stack named "shop" exists');
  });

  it('is refused to a viewer', () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { valid: true, issues: [] })));
    const { div } = renderAs(userAs('viewer'), <NewStackPage />);
    expect(submit(div).disabled).toBe(true);
    expect(submit(div).getAttribute('title')).toBe('Viewers cannot create stacks — ask an admin for the developer role');
  });
});
