// A destructive action asks first, naming what goes: Cancel and Escape change nothing, the
// dialog's button runs it once; while it runs the button says so; its error stays beside it.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { useApiMutation } from '../data/useApiMutation';
import { renderInto, settle } from '../testing/render';
import { Action } from './Action';

function Harness({ run }: { run: (names: string[]) => Promise<void> }) {
  const m = useApiMutation({ run, success: (_r, v: string[]) => `Deleted ${v.join(', ')}`, failure: 'Delete failed' });
  return (
    <Action mutation={m} vars={['shop', 'blog']} variant="danger" busyLabel="Deleting…"
      confirm={{ title: 'Delete 2 apps?', body: 'Their containers stop.', items: ['shop', 'blog'], confirmLabel: 'Delete 2 apps' }}>
      Delete
    </Action>
  );
}
const button = (root: ParentNode, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text)!;

afterEach(() => vi.restoreAllMocks());

describe('Action with a confirmation', () => {
  it('names what will be destroyed and runs only when confirmed', async () => {
    const run = vi.fn(async () => undefined);
    const { div, client } = renderInto(<Harness run={run} />);
    act(() => button(div, 'Delete').click());
    const dialog = div.querySelector('[role="alertdialog"]')!;
    expect(dialog.querySelector('h2')?.textContent).toBe('Delete 2 apps?');
    expect([...dialog.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['shop', 'blog']);
    expect(document.activeElement?.textContent).toBe('Cancel');

    act(() => button(dialog, 'Cancel').click());
    expect(div.querySelector('[role="alertdialog"]')).toBeNull();
    act(() => button(div, 'Delete').click());
    act(() => { div.querySelector('[role="alertdialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); });
    expect(div.querySelector('[role="alertdialog"]')).toBeNull();
    expect(run).not.toHaveBeenCalled();

    act(() => button(div, 'Delete').click());
    await act(async () => button(div.querySelector('[role="alertdialog"]')!, 'Delete 2 apps').click());
    await settle(client);
    expect(run).toHaveBeenCalledOnce();
    expect(div.querySelector('.toasts')?.textContent).toContain('Deleted shop, blog');
  });

  it('shows the pending state and keeps the server error beside the button', async () => {
    let fail!: (e: Error) => void;
    const { div, client } = renderInto(<Harness run={() => new Promise((_r, rej) => { fail = rej; })} />);
    act(() => button(div, 'Delete').click());
    await act(async () => button(div.querySelector('[role="alertdialog"]')!, 'Delete 2 apps').click());
    await settle(client, 100);
    const b = div.querySelector<HTMLButtonElement>('.action button')!;
    expect([b.textContent, b.disabled, b.getAttribute('aria-busy')]).toEqual(['Deleting…', true, 'true']);
    await act(async () => fail(new ApiError(409, 'conflict', 'shop is deploying')));
    await settle(client);
    expect(div.querySelector('.action [role="alert"]')?.textContent).toBe('shop is deploying');
    expect(div.querySelector('.toasts')?.textContent).toContain('Delete failed: shop is deploying');
  });
});
