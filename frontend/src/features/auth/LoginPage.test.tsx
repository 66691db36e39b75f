// Sign-in: a TOTP account is asked for its code after the password (or a recovery code), the
// server's refusal is shown, and the API-token tab says where a fresh install keeps the admin token.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToastProvider } from '../../shared/ui/Toast';
import { Login } from './LoginPage';
import { json } from '../../shared/testing/dom';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;


function type(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
const byLabel = (root: HTMLElement, text: string) =>
  [...root.querySelectorAll('label')].find((l) => l.textContent?.startsWith(text))!.querySelector('input')!;
const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

afterEach(() => vi.unstubAllGlobals());

/** The sign-in form against `fetchMock`, with username and password typed in. */
function signInForm(fetchMock: ReturnType<typeof vi.fn>, password = 'pw') {
  vi.stubGlobal('fetch', fetchMock);
  const signedIn = vi.fn();
  const div = document.createElement('div');
  document.body.appendChild(div);
  act(() => createRoot(div).render(<ToastProvider><Login onSignedIn={signedIn} /></ToastProvider>));
  act(() => { type(byLabel(div, 'Username'), 'ada'); type(byLabel(div, 'Password'), password); });
  return { div, signedIn };
}

describe('Login', () => {
  it('asks for the TOTP code when the account needs one, then signs in', async () => {
    const fetchMock = vi.fn()
      .mockResolvedValueOnce(json(401, { error: { code: 'totp_required', message: 'a TOTP code is required' } }))
      .mockResolvedValueOnce(json(200, { user: { id: 'u1', username: 'ada', role: 'admin' }, csrf_token: 'c' }));
    const { div, signedIn } = signInForm(fetchMock);
    await act(async () => { div.querySelector('form')!.requestSubmit(); });
    await flush();
    expect(div.querySelector('[role="alert"]')?.textContent).toMatch(/6-digit code/);
    act(() => type(byLabel(div, 'Authentication code'), '123456'));
    await act(async () => { div.querySelector('form')!.requestSubmit(); });
    await flush();
    expect(JSON.parse(fetchMock.mock.calls[1][1].body)).toEqual({ username: 'ada', password: 'pw', totp: '123456' });
    expect(signedIn).toHaveBeenCalledWith(expect.objectContaining({ name: 'ada', role: 'admin' }));
  });

  it('shows the server message for a wrong password and stays on the form', async () => {
    const { div, signedIn } = signInForm(vi.fn().mockResolvedValue(json(401, { error: { code: 'unauthorized', message: 'wrong username or password' } })), 'bad');
    await act(async () => { div.querySelector('form')!.requestSubmit(); });
    await flush();
    expect(div.querySelector('[role="alert"]')?.textContent).toBe('wrong username or password');
    expect(signedIn).not.toHaveBeenCalled();
  });

  it('takes a recovery code in place of the 6-digit code and says when it was refused', async () => {
    const fetchMock = vi.fn()
      .mockResolvedValueOnce(json(401, { error: { code: 'totp_required', message: 'a TOTP code is required' } }))
      .mockResolvedValueOnce(json(401, { error: { code: 'unauthorized', message: 'wrong username, password or code' } }))
      .mockResolvedValueOnce(json(200, { user: { id: 'u1', username: 'ada', role: 'viewer' }, csrf_token: 'c', recovery_codes_remaining: 2 }));
    const { div, signedIn } = signInForm(fetchMock);
    await act(async () => { div.querySelector('form')!.requestSubmit(); });
    await flush();
    act(() => [...div.querySelectorAll('button')].find((b) => b.textContent?.includes('Use a recovery code'))!.click());
    const field = byLabel(div, 'Recovery code');
    expect(field.getAttribute('pattern')).toBeNull();
    act(() => type(field, '7kq2-m9xd-4hv0-ptce'));
    await act(async () => { div.querySelector('form')!.requestSubmit(); });
    await flush();
    expect(div.querySelector('[role="alert"]')?.textContent).toMatch(/recovery code was not accepted: each code works once/);
    act(() => type(byLabel(div, 'Recovery code'), 'a1b2-c3d4-e5f6-g7h8'));
    await act(async () => { div.querySelector('form')!.requestSubmit(); });
    await flush();
    expect(JSON.parse(fetchMock.mock.calls[2][1].body)).toEqual({ username: 'ada', password: 'pw', totp: 'a1b2-c3d4-e5f6-g7h8' });
    expect(signedIn).toHaveBeenCalledWith(expect.not.objectContaining({ recoveryCodesLeft: 2 }));
    expect(div.querySelector('.toasts')?.textContent).toContain('Signed in with a recovery code: 2 left. Make a new set under Settings → Two-factor authentication.');
  });

  it('says where a fresh install keeps the admin token, without asking the server', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const div = document.createElement('div');
    document.body.appendChild(div);
    act(() => createRoot(div).render(<Login onSignedIn={vi.fn()} />));
    act(() => [...div.querySelectorAll('[role="tab"]')].find((t) => t.textContent === 'API token')!.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    const hint = div.querySelector('#token-hint')!.textContent!;
    expect(hint).toMatch(/<data_dir>\/admin_token/);
    expect(hint).toMatch(/rivetr serve/);
    expect(byLabel(div, 'API token').getAttribute('aria-describedby')).toBe('token-hint');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
