// One shared ticking clock for everything on screen that depends on the time ("5m ago", a build's
// running duration): a single timer at the finest resolution any mounted reader asked for, firing
// on the step boundaries of the wall clock, stopped when nobody reads it, instead of one timer per
// table row. A reader is woken only when the time enters a new step of its own resolution.
import { useSyncExternalStore } from 'react';

interface Reader { resolution: number; step: number }
const readers = new Map<() => void, Reader>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | undefined;
let period = 0;

function reschedule(): void {
  let finest = 0;
  readers.forEach((r) => { if (!finest || r.resolution < finest) finest = r.resolution; });
  if (finest === period) return;
  clearTimeout(timer);
  timer = undefined;
  period = finest;
  if (finest > 0) schedule();
}

// The next tick at the next multiple of the period, so every reader's steps line up with it.
function schedule(): void {
  timer = setTimeout(() => { tick(); schedule(); }, period - (Date.now() % period));
}

function tick(): void {
  now = Date.now();
  readers.forEach((r, listener) => {
    const step = Math.floor(now / r.resolution);
    if (step !== r.step) { r.step = step; listener(); }
  });
}

/** Calls `listener` each time the time enters a new `resolution`-ms step; returns the unsubscribe. */
export function watchClock(listener: () => void, resolution: number): () => void {
  readers.set(listener, { resolution, step: Math.floor(Date.now() / resolution) });
  reschedule();
  return () => {
    readers.delete(listener);
    reschedule();
  };
}

/** How often the shared timer fires now (0: stopped); for tests. */
export const clockPeriod = () => period;

// One subscribe function per resolution, so React does not resubscribe on every render.
const subscribers = new Map<number, (l: () => void) => () => void>();
function subscriberFor(resolution: number) {
  let s = subscribers.get(resolution);
  if (!s) subscribers.set(resolution, (s = (l) => watchClock(l, resolution)));
  return s;
}

/** The current time in ms; the caller is re-rendered each time it enters a new `resolution`-ms step. */
export function useNow(resolution: number): number {
  useSyncExternalStore(subscriberFor(resolution), () => Math.floor(now / resolution));
  return Date.now();
}
