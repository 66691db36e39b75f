// The shared clock: one interval for every reader, at the finest resolution asked for, stopped when
// nobody reads it; each reader woken only when its own step changes. And what ticks on screen.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderInto } from './testing/render';
import { clockPeriod, watchClock } from './clock';
import { Duration } from './ui/Duration';
import { RelativeTime } from './ui/RelativeTime';

beforeEach(() => { vi.useFakeTimers(); vi.setSystemTime(new Date('2025-01-01T00:00:00Z')); });
afterEach(() => vi.useRealTimers());

describe('the shared clock', () => {
  it('runs one timer at the finest resolution and stops when the last reader leaves', () => {
    const slow = Array.from({ length: 500 }, () => vi.fn());
    const fast = vi.fn();
    const stopSlow = slow.map((l) => watchClock(l, 30_000));
    expect(vi.getTimerCount()).toBe(1);
    expect(clockPeriod()).toBe(30_000);
    const stopFast = watchClock(fast, 1000);
    expect(vi.getTimerCount()).toBe(1);
    expect(clockPeriod()).toBe(1000);

    vi.advanceTimersByTime(3000);
    expect(fast).toHaveBeenCalledTimes(3);
    expect(slow[0]).not.toHaveBeenCalled(); // the 1 s ticks do not wake a 30 s reader
    stopFast();
    expect(clockPeriod()).toBe(30_000);
    vi.advanceTimersByTime(27_000);
    expect(slow.every((l) => l.mock.calls.length === 1)).toBe(true); // at 30 s, on the step
    stopSlow.forEach((s) => s());
    expect(clockPeriod()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('times on screen', () => {
  it('a running duration counts up each second and a finished one stays', () => {
    const { div } = renderInto(<>
      <span id="running"><Duration from="2024-12-31T23:59:50Z" to={null} /></span>
      <span id="done"><Duration from="2024-12-31T23:00:00Z" to="2024-12-31T23:01:12Z" /></span>
    </>);
    const text = (id: string) => div.querySelector(`#${id}`)?.textContent;
    expect(text('running')).toBe('10s');
    expect(text('done')).toBe('1m 12s');
    act(() => { vi.advanceTimersByTime(2000); });
    expect(text('running')).toBe('12s');
    act(() => { vi.advanceTimersByTime(60_000); });
    expect(text('running')).toBe('1m 12s');
    expect(text('done')).toBe('1m 12s');
  });

  it('"just now" becomes "5s ago", then minutes, without a reload', () => {
    const { div } = renderInto(<RelativeTime ts="2025-01-01T00:00:00Z" />);
    expect(div.textContent).toBe('just now');
    act(() => { vi.advanceTimersByTime(5000); });
    expect(div.textContent).toBe('5s ago');
    act(() => { vi.advanceTimersByTime(180_000); });
    expect(div.textContent).toBe('3m ago');
  });
});
