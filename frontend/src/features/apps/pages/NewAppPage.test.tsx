// The new-app wizard: it stops at a failed detection (the reason on the field to fix, a way on only
// when asked), and its app-name pattern is the server's rule in a form browsers accept (the `v` flag).
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInto, settle } from '../../../shared/testing/render';
import NewAppPage, { APP_NAME_PATTERN } from './NewAppPage';
import { inputFor, json, typeInto } from '../../../shared/testing/dom';

afterEach(() => vi.unstubAllGlobals());

const step = (div: HTMLElement) => div.querySelector('p[aria-live]')?.textContent;

describe('the new-app wizard', () => {
  it('stays on the repository step when detection fails, with the reason on the branch', async () => {
    const fetchMock = vi.fn(async () => json(400, { error: { code: 'invalid', message: "ref_not_found: no branch 'mian'", field: 'branch' } }));
    vi.stubGlobal('fetch', fetchMock);
    const { div, client } = renderInto(<NewAppPage />);
    act(() => { typeInto(inputFor(div, 'Git repository URL'), 'file:///srv/shop.git'); typeInto(inputFor(div, 'Branch'), 'mian'); });
    await act(async () => { div.querySelector('form')!.requestSubmit(); });
    await settle(client);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(step(div)).toBe('Step 1 of 3: Repository');
    expect(div.querySelector('[role="alert"]')?.textContent).toContain("Detection failed: ref_not_found: no branch 'mian'");
    expect(inputFor(div, 'Branch').getAttribute('aria-invalid')).toBe('true');
    expect(inputFor(div, 'Git repository URL').getAttribute('aria-invalid')).toBeNull();

    // Going on without detection is the user's explicit choice, and the next step says so.
    const skip = [...div.querySelectorAll('button')].find((b) => b.textContent === 'continue without detection')!;
    act(() => skip.click());
    expect(step(div)).toBe('Step 2 of 3: Build');
    expect(div.querySelector('[role="status"]')?.textContent).toBe('Not detected: choose the build type and the port yourself.');
  });

  it('goes on to the build step when detection succeeds', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { build_type: 'dockerfile', reason: 'a Dockerfile at the root', port: 8000 })));
    const { div, client } = renderInto(<NewAppPage />);
    act(() => typeInto(inputFor(div, 'Git repository URL'), 'file:///srv/shop.git'));
    await act(async () => { div.querySelector('form')!.requestSubmit(); });
    await settle(client);
    expect(step(div)).toBe('Step 2 of 3: Build');
    expect(inputFor(div, 'Port the app listens on').value).toBe('8000');
  });

  it('checks the app name with a pattern that compiles under the v flag and follows the server rule', () => {
    // How browsers compile a pattern attribute (Chromium logs an invalid one and leaves the field unchecked).
    const re = new RegExp(`^(?:${APP_NAME_PATTERN})$`, 'v');
    for (const ok of ['a', '7', 'shop', 'shop-admin', 'a1-b2', 'a'.repeat(63)]) expect(re.test(ok), ok).toBe(true);
    for (const bad of ['', '-shop', 'shop-', 'Shop', 'shop_admin', 'shop.admin', 'a'.repeat(64)]) expect(re.test(bad), bad).toBe(false);
  });
});
