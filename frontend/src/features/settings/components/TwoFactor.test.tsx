// TOTP enrollment in Settings: a QR code of the URI beside the secret and URI as text, the server's
// refusal of a wrong code shown as it is, on after a good code with the recovery codes shown once,
// a fresh set of codes with a code or the password, off again with a current code; none for a token.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/api/types';
import { TwoFactor } from './TwoFactor';
import { json, typeInto } from '../../../shared/testing/dom';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Rivetr:ada?secret=${SECRET}&issuer=Rivetr&algorithm=SHA1&digits=6&period=30`;

const byLabel = (root: HTMLElement, text: string) =>
  [...root.querySelectorAll('label')].find((l) => l.textContent?.startsWith(text))?.querySelector('input') ?? null;
const button = (root: HTMLElement, name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name)!;
const form = (root: HTMLElement, name: string) => root.querySelector<HTMLFormElement>(`form[aria-label="${name}"]`)!;
const CODES = ['7kq2-m9xd-4hv0-ptce', 'a1b2-c3d4-e5f6-g7h8'];

/** A fake server: answers by method and path, records the bodies it was sent. */
function server(routes: Record<string, (body: unknown) => Response>) {
  const sent: { route: string; body: unknown }[] = [];
  const f = vi.fn(async (url: string, init?: RequestInit) => {
    const route = `${init?.method ?? 'GET'} ${url}`;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ route, body });
    const handler = routes[route];
    return handler ? handler(body) : json(404, { error: { code: 'not_found', message: `no ${route}` } });
  });
  vi.stubGlobal('fetch', f);
  return sent;
}

async function render(me: Me) {
  const div = document.createElement('div');
  document.body.appendChild(div);
  act(() => createRoot(div).render(<TwoFactor me={me} />));
  await flush();
  return div;
}

const ada = (totp_enabled: boolean): Me => ({ actor_type: 'user', name: 'ada', role: 'admin', user: { id: 'u1', username: 'ada', role: 'admin', totp_enabled, disabled: false, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z' } });

// jsdom has no blob: URLs; the download link only needs one to exist.
URL.createObjectURL = () => 'blob:recovery-codes';
URL.revokeObjectURL = () => undefined;

afterEach(() => vi.unstubAllGlobals());

describe('TwoFactor', () => {
  it('shows the key as text, shows a refused code, and turns on with a good one', async () => {
    let enabled = false;
    const sent = server({
      'GET /api/auth/me': () => json(200, ada(enabled)),
      'GET /api/auth/recovery-codes': () => json(200, { totp_enabled: enabled, remaining: 2 }),
      'POST /api/auth/totp/setup': () => json(200, { secret: SECRET, otpauth_uri: URI }),
      'POST /api/auth/totp/enable': (b) => {
        if ((b as { code: string }).code !== '123456') return json(400, { error: { code: 'invalid', message: 'wrong or already used code', field: 'code' } });
        enabled = true;
        return json(200, { totp_enabled: true, recovery_codes: CODES });
      },
    });
    const div = await render(ada(false));
    expect(div.textContent).toContain('is off');
    await act(async () => button(div, 'Set up two-factor authentication').click());
    await flush();
    expect(byLabel(div, 'Secret key')!.value).toBe(SECRET);
    expect(byLabel(div, 'otpauth URI')!.value).toBe(URI);
    const qr = div.querySelector('svg[role="img"]')!;
    expect(qr.getAttribute('aria-label')).toMatch(/QR code of the otpauth URI/);
    expect(qr.querySelector('path')!.getAttribute('d')!.length).toBeGreaterThan(100);
    expect(div.querySelector('[style]')).toBeNull();

    act(() => typeInto(byLabel(div, 'Code from your authenticator app')!, '000000'));
    await act(async () => div.querySelector('form')!.requestSubmit());
    await flush();
    expect(div.querySelector('[role="alert"]')?.textContent).toBe('wrong or already used code (code)');
    expect(div.textContent).toContain('is off');

    act(() => typeInto(byLabel(div, 'Code from your authenticator app')!, '123 456'));
    await act(async () => div.querySelector('form')!.requestSubmit());
    await flush();
    expect(sent.filter((s) => s.route === 'POST /api/auth/totp/enable').map((s) => s.body)).toEqual([{ code: '000000' }, { code: '123456' }]);
    expect(div.querySelector('[role="status"]')?.textContent).toMatch(/is on: signing in now asks for a code/);
    expect(div.textContent).toContain('is on.');
    expect(byLabel(div, 'Secret key')).toBeNull();
    // The recovery codes, once, with the note to store them and a way to copy and download them.
    expect([...div.querySelectorAll('ul[aria-label="Recovery codes"] li')].map((li) => li.textContent)).toEqual(CODES);
    expect(div.textContent).toMatch(/Store these now/);
    expect(button(div, 'Copy codes')).toBeTruthy();
    expect([...div.querySelectorAll('a')].find((a) => a.textContent === 'Download codes')!.getAttribute('download')).toBe('rivetr-recovery-codes-ada.txt');
    expect(div.textContent).toContain('2 recovery codes left: make a new set');
  });

  it('makes a new set of recovery codes with a current code or the password', async () => {
    const sent = server({
      'GET /api/auth/me': () => json(200, ada(true)),
      'GET /api/auth/recovery-codes': () => json(200, { totp_enabled: true, remaining: 7 }),
      'POST /api/auth/recovery-codes': () => json(200, { recovery_codes: CODES, remaining: 10 }),
    });
    const div = await render(ada(true));
    expect(div.textContent).toContain('7 recovery codes left.');
    expect(div.querySelector('ul[aria-label="Recovery codes"]')).toBeNull();
    act(() => typeInto(byLabel(div, 'Current code or your password')!, '123 456'));
    await act(async () => form(div, 'New recovery codes').requestSubmit());
    await flush();
    act(() => typeInto(byLabel(div, 'Current code or your password')!, 'my password'));
    await act(async () => form(div, 'New recovery codes').requestSubmit());
    await flush();
    expect(sent.filter((s) => s.route === 'POST /api/auth/recovery-codes').map((s) => s.body)).toEqual([{ code: '123456' }, { password: 'my password' }]);
    expect(div.querySelectorAll('ul[aria-label="Recovery codes"] li')).toHaveLength(2);
    expect(div.querySelector('[role="status"]')?.textContent).toBe('New recovery codes: the old ones no longer work.');
  });

  it('turns off with a current code and shows a rate limit as the server words it', async () => {
    let calls = 0;
    server({
      'GET /api/auth/me': () => json(200, ada(true)),
      'GET /api/auth/recovery-codes': () => json(200, { totp_enabled: true, remaining: 10 }),
      'POST /api/auth/totp/disable': () => (++calls === 1
        ? new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'too many wrong codes; retry in 30 s' } }), { status: 429 })
        : json(200, { totp_enabled: false })),
    });
    const div = await render(ada(true));
    expect(div.textContent).toContain('is on.');
    act(() => typeInto(byLabel(div, 'Code from your authenticator app')!, '654321'));
    await act(async () => form(div, 'Turn off two-factor authentication').requestSubmit());
    await flush();
    expect(div.querySelector('[role="alert"]')?.textContent).toBe('too many wrong codes; retry in 30 s');
    act(() => typeInto(byLabel(div, 'Code from your authenticator app')!, '654321'));
    await act(async () => form(div, 'Turn off two-factor authentication').requestSubmit());
    await flush();
    expect(div.querySelector('[role="status"]')?.textContent).toBe('Two-factor authentication is off.');
    expect(button(div, 'Set up two-factor authentication')).toBeTruthy();
  });

  it('explains that a token sign-in has no second factor to manage', async () => {
    const sent = server({});
    const div = await render({ actor_type: 'token', name: 'ci', role: 'admin' });
    expect(div.textContent).toMatch(/belongs to a user account/);
    expect(div.querySelector('button')).toBeNull();
    expect(sent).toEqual([]);
  });
});
