// Creating a volume: a bad name is said before anything is sent; the form sends name, driver, labels and
// driver options to the chosen host; the server's policy refusal of a bind-like option is shown under the options.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/api/types';
import { MeContext } from '../../../shared/session/me';
import { inputFor, json, typeInto } from '../../../shared/testing/dom';
import { renderInto, settle } from '../../../shared/testing/render';
import { CreateVolumeForm } from './CreateVolumeForm';

const me: Me = { actor_type: 'user', name: 'dev', role: 'developer' };
const submit = (div: HTMLElement) => [...div.querySelectorAll('button')].find((b) => b.textContent === 'Create volume')!;

afterEach(() => vi.restoreAllMocks());

function render() {
  return renderInto(<MeContext.Provider value={me}><CreateVolumeForm host="build1" hostName="build 1" /></MeContext.Provider>);
}

describe('CreateVolumeForm', () => {
  it('refuses a hostile name before sending anything', () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const { div } = render();
    act(() => typeInto(inputFor(div, 'Name'), 'x;touch /tmp/pwn'));
    expect(div.textContent).toContain('Letters, digits, _ . -');
    expect(submit(div).disabled).toBe(true);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends the volume to its host and shows the policy refusal of a bind under the driver options', async () => {
    const rule = 'driver_opts: bind mount outside [docker] allowed_bind_roots (volume etc\'s device: /etc) (admins only)';
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(json(403, { error: { code: 'policy_violation', message: rule, field: 'driver_opts' } }));
    const { div, client } = render();
    act(() => typeInto(inputFor(div, 'Name'), 'etc'));
    const add = [...div.querySelectorAll('button')].filter((b) => b.textContent === 'Add option')[0];
    act(() => add.click());
    const [key, value] = [...div.querySelectorAll('fieldset')[1].querySelectorAll('input')] as HTMLInputElement[];
    act(() => { typeInto(key, 'device'); typeInto(value, '/etc'); });
    await act(async () => submit(div).click());
    await settle(client);
    expect(fetch.mock.calls[0][0]).toBe('/api/volumes?host=build1');
    expect(JSON.parse(fetch.mock.calls[0][1]!.body as string)).toEqual({ name: 'etc', driver: 'local', labels: {}, driver_opts: { device: '/etc' } });
    expect(div.querySelectorAll('fieldset')[1].querySelector('[role="alert"]')?.textContent).toBe(rule);
  });
});
