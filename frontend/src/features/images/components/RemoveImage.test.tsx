// Removing an image: the engine's 409 reason is shown and Force is offered (and sends force=true);
// a viewer sees Remove disabled with the reason and never reaches the server.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Image } from '../../../shared/api/types';
import { button, json } from '../../../shared/testing/dom';
import { confirmIn } from '../../../shared/testing/render';
import { expectViewerRefused, renderAs, userAs } from '../../../shared/testing/roles';
import { RemoveImage } from './RemoveImage';

const image = { id: 'sha256:' + 'a'.repeat(64), short_id: 'aaaaaaaaaaaa', host: 'build1', tags: ['shop:v1'], digests: [], size_bytes: 1,
  created_at: '', dangling: false, in_use: true, used_by: [], managed: false, app_id: null, labels: {} } as Image;

afterEach(() => vi.restoreAllMocks());

describe('RemoveImage', () => {
  it('shows the engine\'s reason for a refusal and offers Force, which sends force=true to the image\'s host', async () => {
    const reason = 'conflict: unable to delete aaaaaaaaaaaa (must be forced) - image is being used by stopped container 0123456789ab';
    const fetch = vi.spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(json(409, { error: { code: 'conflict', message: reason, field: 'id' } }))
      .mockResolvedValueOnce(json(200, { untagged: ['shop:v1'], deleted: [image.id] }));
    const { div, client } = renderAs(userAs('developer'), <RemoveImage image={image} />);
    expect(button(div, 'Force remove shop:v1')).toBeUndefined();
    act(() => button(div, 'Remove shop:v1')!.click());
    await confirmIn(div, 'Remove image', client);
    expect(fetch.mock.calls[0][0]).toBe(`/api/images/sha256%3A${'a'.repeat(64)}?host=build1`);
    expect(div.querySelector('[role="alert"]')?.textContent).toContain('being used by stopped container 0123456789ab');
    act(() => button(div, 'Force remove shop:v1')!.click());
    await confirmIn(div, 'Force remove', client);
    expect(fetch.mock.calls[1][0]).toBe(`/api/images/sha256%3A${'a'.repeat(64)}?host=build1&force=true`);
    expect(fetch.mock.calls[1][1]?.method).toBe('DELETE');
  });

  it('is disabled for a viewer, with the reason', () => {
    expectViewerRefused(<RemoveImage image={image} />, 'Remove shop:v1', 'Viewers cannot remove images — ask an admin for the developer role');
  });
});
