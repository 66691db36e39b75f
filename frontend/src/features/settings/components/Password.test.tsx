// Changing one's own password: the two new passwords must match before anything is sent, a wrong
// current password lands on its field, and success says the other sessions ended and keeps the
// fresh session's CSRF token for the next change.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { credentials } from '../../../shared/api/client';
import type { Me } from '../../../shared/api/types';
import { renderInto } from '../../../shared/testing/render';
import { Password } from './Password';
import { json, typeInto } from '../../../shared/testing/dom';

const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });
const ada: Me = { actor_type: 'user', name: 'ada', role: 'viewer', user: { id: 'u1', username: 'ada', role: 'viewer', totp_enabled: false, disabled: false, created_at: '', updated_at: '' } };

function field(root: HTMLElement, label: string) {
  const l = [...root.querySelectorAll('label')].find((x) => x.textContent === label)!;
  return document.getElementById(l.htmlFor) as HTMLInputElement;
}
function fill(div: HTMLElement, current: string, next: string, again: string) {
  act(() => { typeInto(field(div, 'Current password'), current); typeInto(field(div, 'New password'), next); typeInto(field(div, 'New password again'), again); });
}

afterEach(() => vi.unstubAllGlobals());

describe('Password', () => {
  it('checks the repeat, shows a wrong current password on its field, and changes it', async () => {
    const fetchMock = vi.fn()
      .mockResolvedValueOnce(json(403, { error: { code: 'wrong_password', message: 'the current password is wrong', field: 'current_password' } }))
      .mockResolvedValueOnce(json(200, { user: ada.user, session_reissued: true, csrf_token: 'fresh-csrf' }));
    vi.stubGlobal('fetch', fetchMock);
    const { div } = renderInto(<Password me={ada} />);
    const submit = () => act(async () => { div.querySelector('form')!.requestSubmit(); });

    fill(div, 'old password', 'new password 1', 'new password 2');
    await submit();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(field(div, 'New password again').getAttribute('aria-invalid')).toBe('true');

    fill(div, 'not it', 'new password 1', 'new password 1');
    await submit();
    await flush();
    expect(JSON.parse(fetchMock.mock.calls[0][1].body)).toEqual({ current_password: 'not it', new_password: 'new password 1' });
    expect(field(div, 'Current password').getAttribute('aria-invalid')).toBe('true');
    expect(div.querySelector('.field-error')?.textContent).toBe('the current password is wrong');

    fill(div, 'old password', 'new password 1', 'new password 1');
    await submit();
    await flush();
    expect(div.querySelector('[role="status"]')?.textContent).toBe('Password changed. Your other sessions were signed out.');
    expect(credentials.csrf).toBe('fresh-csrf');
    expect(field(div, 'Current password').value).toBe('');
  });

  it('tells a token sign-in that it has no password', () => {
    const { div } = renderInto(<Password me={{ actor_type: 'token', name: 'ci', role: 'admin' }} />);
    expect(div.textContent).toMatch(/API token, which has no password/);
    expect(div.querySelector('form')).toBeNull();
  });
});
