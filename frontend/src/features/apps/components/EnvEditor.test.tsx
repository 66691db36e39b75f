// The Env tab: an unsaved edit survives the editor being unmounted (another tab) and remounted, the
// banner says a restart keeps the old variables, and "Save and redeploy" is one PUT ?redeploy=true.
import { act, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../../shared/api/types';
import { renderInto, settle } from '../../../shared/testing/render';
import { EnvEditor } from './EnvEditor';
import { json } from '../../../shared/testing/dom';

const app = { id: 'app_env', name: 'shop', live_deployment_id: 'dep_1', env_pending: false } as unknown as App;
const stored = [{ key: 'GREETING', value: 'one', secret: false, build_time: false, updated_at: '2026-01-01T00:00:00Z' }];
const valueOf = (div: HTMLElement) => div.querySelector<HTMLInputElement>('input[aria-label="Value of GREETING"]')!;
const button = (div: HTMLElement, name: string) => [...div.querySelectorAll('button')].find((b) => b.textContent === name)!;
function type(input: HTMLInputElement, value: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('EnvEditor', () => {
  it('keeps an unsaved edit when the tab is left and opened again', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, stored)));
    let show!: (on: boolean) => void;
    function Tabbed() {
      const [on, setOn] = useState(true);
      show = setOn;
      return on ? <EnvEditor app={app} /> : <p>another tab</p>;
    }
    const { div, client } = renderInto(<Tabbed />);
    await settle(client);
    type(valueOf(div), 'two');
    expect(div.textContent).toContain('Unsaved changes');
    act(() => show(false));  // another tab: the editor is unmounted
    expect(valueOf(div)).toBeNull();
    act(() => show(true));
    await settle(client);
    expect(valueOf(div).value).toBe('two');
    type(valueOf(div), 'one');  // back to what is stored: no draft any more
    expect(div.textContent).not.toContain('Unsaved changes');
  });

  it('says a restart keeps the old variables, and saves and redeploys in one request', async () => {
    const calls: [string, string | undefined][] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
      calls.push([`${init?.method ?? 'GET'} ${url}`, init?.body as string | undefined]);
      if (init?.method === 'PUT') return json(202, { vars: [{ ...stored[0], value: 'two' }], deployment_id: 'dep_2', status: 'pending' });
      return json(200, stored);
    }));
    const started: string[] = [];
    const { div, client } = renderInto(<EnvEditor app={{ ...app, env_pending: true }} onRedeployed={(id) => started.push(id)} />);
    await settle(client);
    expect(div.querySelector('.banner')?.textContent).toContain('Restart does not apply changed variables — Save and redeploy does.');
    type(valueOf(div), 'two');
    await act(async () => button(div, 'Save and redeploy').click());
    await settle(client);
    const put = calls.find(([c]) => c.startsWith('PUT'))!;
    expect(put[0]).toBe('PUT /api/apps/app_env/env?redeploy=true');
    expect(JSON.parse(put[1]!).vars).toEqual([{ key: 'GREETING', value: 'two', secret: false, build_time: false }]);
    expect(started).toEqual(['dep_2']);
    expect(div.textContent).not.toContain('Unsaved changes');
    expect(div.querySelector('.toasts')?.textContent).toContain('deployment dep_2 started');
  });

  it('offers no redeploy while nothing is live', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, stored)));
    const { div, client } = renderInto(<EnvEditor app={{ ...app, live_deployment_id: null }} />);
    await settle(client);
    expect(button(div, 'Save and redeploy').disabled).toBe(true);
    expect(div.textContent).toContain('Nothing is live yet');
  });
});
