// The create wizard in the page: a step with an error does not advance (the message on its field),
// the body sent is the create vocabulary, and a server refusal naming a field of an earlier or later
// step opens that step with the message on the field.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInto, settle } from '../../../shared/testing/render';
import ContainerWizardPage from './ContainerWizardPage';
import { inputFor, json, typeInto } from '../../../shared/testing/dom';

afterEach(() => vi.unstubAllGlobals());

const heading = (div: HTMLElement) => div.querySelector('h2')?.textContent;
const submit = async (div: HTMLElement) => act(async () => { div.querySelector('form')!.requestSubmit(); });

describe('the container wizard', () => {
  it('stays on a step with an error and shows it on the field', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, [])));
    const { div } = renderInto(<ContainerWizardPage />);
    await submit(div);
    expect(heading(div)).toBe('Image');
    expect(inputFor(div, 'Image').getAttribute('aria-invalid')).toBe('true');
    expect(div.textContent).toContain('the image is required');
  });

  it('sends the create body, and opens the step of the field a refusal names', async () => {
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) => (init?.method === 'POST'
      ? json(400, { error: { code: 'invalid', message: 'ports[0].host_ip must be an IP address', field: 'ports[0].host_ip' } })
      : json(200, [])));
    vi.stubGlobal('fetch', fetchMock);
    const { div, client } = renderInto(<ContainerWizardPage />);
    act(() => { typeInto(inputFor(div, 'Image'), 'busybox'); typeInto(inputFor(div, 'Name'), 'web'); });
    await submit(div);
    expect(heading(div)).toBe('Configuration');
    act(() => typeInto(inputFor(div, 'Command'), `sh -c 'echo hi'`));
    await submit(div);
    expect(heading(div)).toBe('Advanced');
    act(() => typeInto(inputFor(div, 'Memory limit'), '64m'));
    await submit(div);
    await settle(client);
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(post[0]).toBe('/api/containers');
    expect(JSON.parse(String(post[1]!.body))).toEqual({ name: 'web', image: 'busybox', command: ['sh', '-c', 'echo hi'], memory: '64m' });
    expect(heading(div)).toBe('Configuration');
    expect(div.querySelector('.rows .field-error')?.textContent).toBe('ports[0].host_ip must be an IP address (ports[0].host_ip)');
  });
});
