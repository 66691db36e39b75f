// The create wizard in the page: a step with an error does not advance (the message on its field),
// the body sent is the create vocabulary, and a server refusal naming a field of an earlier or later
// step opens that step with the message on the field.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInto, settle } from '../../../shared/testing/render';
import ContainerWizardPage from './ContainerWizardPage';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
afterEach(() => vi.unstubAllGlobals());

function type(input: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
const byLabel = (div: HTMLElement, text: string) =>
  document.getElementById([...div.querySelectorAll('label')].find((l) => l.textContent === text)!.htmlFor) as HTMLInputElement;
const heading = (div: HTMLElement) => div.querySelector('h2')?.textContent;
const submit = async (div: HTMLElement) => act(async () => { div.querySelector('form')!.requestSubmit(); });

describe('the container wizard', () => {
  it('stays on a step with an error and shows it on the field', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, [])));
    const { div } = renderInto(<ContainerWizardPage />);
    await submit(div);
    expect(heading(div)).toBe('Image');
    expect(byLabel(div, 'Image').getAttribute('aria-invalid')).toBe('true');
    expect(div.textContent).toContain('the image is required');
  });

  it('sends the create body, and opens the step of the field a refusal names', async () => {
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) => (init?.method === 'POST'
      ? json(400, { error: { code: 'invalid', message: 'ports[0].host_ip must be an IP address', field: 'ports[0].host_ip' } })
      : json(200, [])));
    vi.stubGlobal('fetch', fetchMock);
    const { div, client } = renderInto(<ContainerWizardPage />);
    act(() => { type(byLabel(div, 'Image'), 'busybox'); type(byLabel(div, 'Name'), 'web'); });
    await submit(div);
    expect(heading(div)).toBe('Configuration');
    act(() => type(byLabel(div, 'Command'), `sh -c 'echo hi'`));
    await submit(div);
    expect(heading(div)).toBe('Advanced');
    act(() => type(byLabel(div, 'Memory limit'), '64m'));
    await submit(div);
    await settle(client);
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(post[0]).toBe('/api/containers');
    expect(JSON.parse(String(post[1]!.body))).toEqual({ name: 'web', image: 'busybox', command: ['sh', '-c', 'echo hi'], memory: '64m' });
    expect(heading(div)).toBe('Configuration');
    expect(div.querySelector('.rows .field-error')?.textContent).toBe('ports[0].host_ip must be an IP address (ports[0].host_ip)');
  });
});
