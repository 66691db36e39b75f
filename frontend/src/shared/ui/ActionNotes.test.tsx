// Action notes do not go stale: an action's error beside its button goes when the next action starts
// or after NOTE_MS, and a result toast ("Restarted: running") goes when the next action on the same
// topic starts.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { useApiMutation } from '../data/useApiMutation';
import { renderInto, settle } from '../testing/render';
import { Action, NOTE_MS } from './Action';

function Buttons({ restart, stop }: { restart: () => Promise<string>; stop: () => Promise<string> }) {
  const r = useApiMutation({ topic: 'app-action:a1', run: restart, success: (s) => `Restarted: ${s}`, failure: 'Restart failed' });
  const s = useApiMutation({ topic: 'app-action:a1', run: stop, success: (x) => `Stopped: ${x}`, failure: 'Stop failed' });
  return <><Action mutation={r} vars={undefined}>Restart</Action><Action mutation={s} vars={undefined}>Stop</Action></>;
}
const button = (root: ParentNode, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text)!;
const notes = (div: HTMLElement) => [...div.querySelectorAll('.action [role="alert"]')].map((n) => n.textContent);
const toasts = (div: HTMLElement) => [...div.querySelectorAll('.toast span')].map((t) => t.textContent);

afterEach(() => vi.useRealTimers());

describe('action notes', () => {
  it("take the previous result's toast away when the app's next action starts", async () => {
    let stopped!: (s: string) => void;
    const { div, client } = renderInto(<Buttons restart={async () => 'running'} stop={() => new Promise((r) => { stopped = r; })} />);
    await act(async () => button(div, 'Restart').click());
    await settle(client);
    expect(toasts(div)).toEqual(['Restarted: running']);
    await act(async () => button(div, 'Stop').click());
    expect(toasts(div)).toEqual([]); // the stop is in progress: no stale "Restarted: running"
    await act(async () => stopped('stopped'));
    await settle(client);
    expect(toasts(div)).toEqual(['Stopped: stopped']);
  });

  it('clear an error beside a button when another action starts', async () => {
    const { div, client } = renderInto(<Buttons restart={async () => { throw new ApiError(409, 'conflict', 'a deployment is in progress'); }} stop={async () => 'stopped'} />);
    await act(async () => button(div, 'Restart').click());
    await settle(client);
    expect(notes(div)).toEqual(['a deployment is in progress']);
    await act(async () => button(div, 'Stop').click());
    await settle(client);
    expect(notes(div)).toEqual([]);
  });

  it('clear an error beside a button after a while', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { div, client } = renderInto(<Buttons restart={async () => { throw new ApiError(409, 'conflict', 'a deployment is in progress'); }} stop={async () => 'stopped'} />);
    await act(async () => button(div, 'Restart').click());
    await settle(client);
    expect(notes(div)).toEqual(['a deployment is in progress']);
    act(() => { vi.advanceTimersByTime(NOTE_MS - 1000); });
    expect(notes(div)).toHaveLength(1);
    act(() => { vi.advanceTimersByTime(1000); });
    await settle(client); // the cache tells React on its next tick
    expect(notes(div)).toEqual([]);
  });
});
