// Removing a volume: the server's refusal (mounted, naming the container) stays beside the button; the
// request goes to the volume's host; a viewer sees Remove disabled with the reason and never reaches the server.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { button, json } from '../../../shared/testing/dom';
import { confirmIn } from '../../../shared/testing/render';
import { expectViewerRefused, renderAs, userAs } from '../../../shared/testing/roles';
import { RemoveVolume } from './RemoveVolume';

const volume = { name: 'pgdata', host: 'build1', used_by: [{ id: 'c0ffee', name: 'db', state: 'running', target: '/data', read_only: false }] };

afterEach(() => vi.restoreAllMocks());

describe('RemoveVolume', () => {
  it('asks first, names the containers that mount it, and shows the server\'s refusal', async () => {
    const refusal = "volume 'pgdata' is in use by db (c0ffee): remove those containers first";
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(json(409, { error: { code: 'volume_in_use', message: refusal, field: 'name' } }));
    const removed = vi.fn();
    const { div, client } = renderAs(userAs('developer'), <RemoveVolume volume={volume} onRemoved={removed} />);
    act(() => button(div, 'Remove volume pgdata')!.click());
    const dialog = div.querySelector('[role="alertdialog"]')!;
    expect(dialog.textContent).toContain('mounted by db');
    await confirmIn(div, 'Remove volume', client);
    expect(fetch.mock.calls[0][0]).toBe('/api/volumes/pgdata?host=build1');
    expect(fetch.mock.calls[0][1]?.method).toBe('DELETE');
    expect(div.querySelector('[role="alert"]')?.textContent).toContain('in use by db (c0ffee)');
    expect(removed).not.toHaveBeenCalled();
  });

  it('is disabled for a viewer, with the reason', () => {
    expectViewerRefused(<RemoveVolume volume={volume} />, 'Remove volume pgdata', 'Viewers cannot remove volumes — ask an admin for the developer role');
  });
});
