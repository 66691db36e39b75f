// An admin sets a forgotten password: the dialog says the user's sessions end, sends only the
// password, keeps the server's refusal on the field, closes once it is set, and warns an admin
// who is setting their own.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me, User } from '../../../shared/api/types';
import { MeContext } from '../../../shared/session/me';
import { renderInto, settle } from '../../../shared/testing/render';
import { SetPasswordDialog } from './SetPasswordDialog';
import { json, typeInto } from '../../../shared/testing/dom';

const vic = { id: 'usr_vic', username: 'vic', role: 'viewer', disabled: false, totp_enabled: false, created_at: '', updated_at: '' } as User;


afterEach(() => vi.unstubAllGlobals());

describe('SetPasswordDialog', () => {
  it('sends the password, shows a refusal on the field, and closes when it is set', async () => {
    const fetchMock = vi.fn()
      .mockResolvedValueOnce(json(400, { error: { code: 'invalid', message: 'must be 8 to 256 characters', field: 'password' } }))
      .mockResolvedValueOnce(json(200, vic));
    vi.stubGlobal('fetch', fetchMock);
    const onClose = vi.fn();
    const { div, client } = renderInto(<SetPasswordDialog user={vic} onClose={onClose} />);
    const dialog = div.querySelector('[role="dialog"]')!;
    expect(dialog.textContent).toMatch(/Every session of vic ends at once/);
    expect(dialog.textContent).not.toMatch(/This is you/);
    const input = dialog.querySelector('input')!;
    expect(document.activeElement).toBe(input);

    act(() => typeInto(input, 'too-weak'));
    await act(async () => { dialog.closest('form')!.requestSubmit(); });
    await settle(client);
    expect(fetchMock.mock.calls[0][0]).toBe('/api/users/usr_vic');
    expect(fetchMock.mock.calls[0][1].method).toBe('PUT');
    expect(JSON.parse(fetchMock.mock.calls[0][1].body)).toEqual({ password: 'too-weak' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(dialog.querySelector('.field-error')?.textContent).toBe('must be 8 to 256 characters');
    expect(onClose).not.toHaveBeenCalled();

    act(() => typeInto(input, 'a good new password'));
    await act(async () => { dialog.closest('form')!.requestSubmit(); });
    await settle(client);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('warns an admin that setting their own password signs this browser out; Escape closes', () => {
    const me: Me = { actor_type: 'user', name: 'vic', role: 'admin', user: vic };
    const onClose = vi.fn();
    const { div } = renderInto(<MeContext.Provider value={me}><SetPasswordDialog user={vic} onClose={onClose} /></MeContext.Provider>);
    expect(div.textContent).toMatch(/This is you: this browser is signed out too/);
    act(() => div.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(onClose).toHaveBeenCalled();
  });
});
