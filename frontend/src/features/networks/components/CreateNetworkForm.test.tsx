// Creating a network: what the form sends, the server's refusal put on the field it names (an
// overlapping subnet's engine reason on Subnet), and macvlan offered to admins only.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/api/types';
import { MeContext } from '../../../shared/session/me';
import { inputFor, json, typeInto } from '../../../shared/testing/dom';
import { renderInto, settle } from '../../../shared/testing/render';
import { CreateNetworkForm } from './CreateNetworkForm';

const me = (role: Me['role']): Me => ({ actor_type: 'user', name: 'vic', role });
afterEach(() => vi.restoreAllMocks());

function render(role: Me['role'], onCreated = vi.fn()) {
  return renderInto(<MeContext.Provider value={me(role)}><CreateNetworkForm host="build1" hostName="build1" onCreated={onCreated} /></MeContext.Provider>);
}

describe('CreateNetworkForm', () => {
  it('sends the fields to the host and shows the engine\'s overlap reason under Subnet', async () => {
    const reason = 'Pool overlaps with other one on this address space';
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(json(409, { error: { code: 'conflict', message: reason, field: 'subnet' } }));
    const { div, client } = render('developer');
    act(() => {
      typeInto(inputFor(div, 'Name'), 'web');
      typeInto(inputFor(div, 'Subnet'), '10.20.0.0/24');
      typeInto(inputFor(div, 'Gateway'), '10.20.0.1');
    });
    await act(async () => div.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    await settle(client);
    expect(fetch.mock.calls[0][0]).toBe('/api/networks?host=build1');
    expect(JSON.parse(fetch.mock.calls[0][1]!.body as string)).toEqual({
      name: 'web', driver: 'bridge', internal: false, attachable: false, labels: {}, subnet: '10.20.0.0/24', gateway: '10.20.0.1' });
    const subnet = inputFor(div, 'Subnet');
    expect(subnet.getAttribute('aria-invalid')).toBe('true');
    expect(div.querySelector('.field-error')?.textContent).toBe(reason);
  });

  it('offers macvlan to admins only, and asks an admin for its parent interface', () => {
    const dev = render('developer').div;
    const option = (d: HTMLElement) => d.querySelector<HTMLOptionElement>('option[value="macvlan"]')!;
    expect(option(dev).disabled).toBe(true);
    expect(option(dev).textContent).toBe('macvlan (admins)');
    const admin = render('admin').div;
    expect(option(admin).disabled).toBe(false);
    const select = admin.querySelector<HTMLSelectElement>('select')!;
    act(() => { select.value = 'macvlan'; select.dispatchEvent(new Event('change', { bubbles: true })); });
    expect(inputFor(admin, 'Parent interface')).toBeTruthy();
  });
});
