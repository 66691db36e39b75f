// Actions above the signed-in role: disabled with the reason as tooltip and accessible description,
// never run when clicked; unchanged for roles that may take them (and when the role is unknown).
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/types';
import { useApiMutation } from '../data/useApiMutation';
import { permission } from '../session/can';
import { MeContext } from '../session/me';
import { renderInto } from '../testing/render';
import { Action } from './Action';
import { RoleGate } from './RoleGate';

const me = (role: Me['role']): Me => ({ actor_type: 'user', name: 'vic', role });

function Deploy({ run }: { run: () => Promise<void> }) {
  const m = useApiMutation({ run });
  return (
    <>
      <RoleGate min="developer" action="deploy"><Action mutation={m} vars={undefined} variant="primary">Deploy</Action></RoleGate>
      <RoleGate min="admin" action="manage users"><button type="button" onClick={() => void run()}>Add user</button></RoleGate>
      <RoleGate min="developer" action="create apps"><a className="button" href="/apps/new">New app</a></RoleGate>
    </>
  );
}

function renderAs(role: Me['role'] | null, run: () => Promise<void>) {
  return renderInto(<MeContext.Provider value={role ? me(role) : null}><Deploy run={run} /></MeContext.Provider>).div;
}
const button = (root: ParentNode, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text)!;

describe('RoleGate', () => {
  it('shows a viewer the actions disabled with the reason, and a click runs nothing', () => {
    const run = vi.fn(async () => undefined);
    const div = renderAs('viewer', run);
    const deploy = button(div, 'Deploy');
    expect(deploy.disabled).toBe(true);
    const reason = 'Viewers cannot deploy — ask an admin for the developer role';
    expect(deploy.getAttribute('aria-description')).toBe(reason);
    expect(deploy.title).toBe(reason);
    expect((deploy.closest('.role-gate') as HTMLElement).title).toBe(reason);
    act(() => { deploy.click(); button(div, 'Add user').click(); });
    const link = [...div.querySelectorAll('[role="link"]')].find((l) => l.textContent === 'New app')!;
    expect(link.getAttribute('aria-disabled')).toBe('true');
    expect(link.getAttribute('aria-description')).toBe('Viewers cannot create apps — ask an admin for the developer role');
    expect(div.querySelector('a[href="/apps/new"]')).toBeNull();
  });

  it('runs nothing when a disabled action is clicked', async () => {
    const run = vi.fn(async () => undefined);
    const div = renderAs('viewer', run);
    await act(async () => { button(div, 'Deploy').click(); button(div, 'Add user').click(); await new Promise((r) => setTimeout(r, 10)); });
    expect(run).not.toHaveBeenCalled();
  });

  it('leaves a developer the developer actions and tells them what needs an admin', async () => {
    const run = vi.fn(async () => undefined);
    const div = renderAs('developer', run);
    expect(button(div, 'Deploy').disabled).toBe(false);
    expect(button(div, 'Deploy').hasAttribute('aria-description')).toBe(false);
    expect(button(div, 'Add user').getAttribute('aria-description')).toBe('Developers cannot manage users — ask an admin for the admin role');
    await act(async () => { button(div, 'Deploy').click(); await new Promise((r) => setTimeout(r, 10)); });
    expect(run).toHaveBeenCalledTimes(1);
    expect(div.querySelector('a[href="/apps/new"]')).not.toBeNull();
  });

  it('lets the server decide when the role is unknown', () => {
    for (const role of ['admin', 'unknown', null] as const) {
      const div = renderAs(role, vi.fn(async () => undefined));
      expect([...div.querySelectorAll('button')].every((b) => !b.disabled)).toBe(true);
    }
    expect(permission(undefined, 'admin', 'x')).toEqual({ allowed: true });
  });
});
