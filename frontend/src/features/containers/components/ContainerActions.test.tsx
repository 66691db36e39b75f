// Who sees which container actions: viewers none (read only), developers the engine's actions for the
// container's state but no terminal, admins the terminal link only while the server has the terminal
// on and the container runs; an action's refusal (an app's container) stays beside its button.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContainerDetail, Me } from '../../../shared/api/types';
import { MeContext } from '../../../shared/session/me';
import { renderInto, settle } from '../../../shared/testing/render';
import { ContainerActions } from './ContainerActions';

const detail = (terminal: boolean): ContainerDetail => ({ host: 'local', app: null, inspect: {}, terminal_enabled: terminal } as unknown as ContainerDetail);

function renderAs(role: Me['role'], state: string, terminal = true) {
  const me: Me = { actor_type: 'user', name: 'u', role };
  return renderInto(
    <MeContext.Provider value={me}><ContainerActions detail={detail(terminal)} id="abc123" host="" name="web" state={state} /></MeContext.Provider>,
  );
}
const buttons = (div: HTMLElement) => [...div.querySelectorAll('button')].map((b) => b.textContent);
const links = (div: HTMLElement) => [...div.querySelectorAll('a')].map((a) => a.textContent);

afterEach(() => vi.unstubAllGlobals());

describe('ContainerActions', () => {
  it('shows viewers no action at all', () => {
    const { div } = renderAs('viewer', 'running');
    expect(buttons(div)).toEqual([]);
    expect(links(div)).toEqual([]);
    expect(div.textContent).toContain('Viewers read only');
  });
  it('gives developers the actions of the state and no terminal', () => {
    expect(buttons(renderAs('developer', 'running').div)).toEqual(['Stop', 'Restart', 'Pause', 'Kill', 'Rename', 'Clone', 'Remove']);
    expect(buttons(renderAs('developer', 'exited').div)).toEqual(['Start', 'Rename', 'Clone', 'Remove']);
    expect(buttons(renderAs('developer', 'paused').div)).toEqual(['Unpause', 'Kill', 'Rename', 'Clone', 'Remove']);
    expect(links(renderAs('developer', 'running').div)).toEqual(['Edit', 'Clone with changes']);
  });
  it('links admins to the terminal only when it is on and the container runs', () => {
    const open = renderAs('admin', 'running').div.querySelector<HTMLAnchorElement>('a[href$="/terminal"]');
    expect(open?.textContent).toBe('Open terminal');
    expect(open?.getAttribute('href')).toBe('/containers/web/terminal');
    expect(links(renderAs('admin', 'running', false).div)).not.toContain('Open terminal');
    expect(links(renderAs('admin', 'exited').div)).not.toContain('Open terminal');
  });
  it("keeps the server's refusal, naming the app, beside the Remove button", async () => {
    const message = 'web belongs to the app shop: delete the app instead';
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'app_container', message } }), { status: 409 })));
    const { div, client } = renderAs('developer', 'exited');
    act(() => [...div.querySelectorAll('button')].find((b) => b.textContent === 'Remove')!.click());
    act(() => [...document.querySelectorAll<HTMLButtonElement>('[role=alertdialog] button')].find((b) => b.textContent === 'Remove web')!.click());
    await settle(client);
    expect(div.querySelector('[role=alert]')?.textContent).toBe(message);
  });
});
