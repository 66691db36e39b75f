// The engine's events on the cached list: a state change patches one row (the others stay the same
// objects, so they do not re-render), a new, removed or renamed container refetches, an event of
// another host or kind changes nothing.
import { describe, expect, it } from 'vitest';
import type { ContainerList, ContainerRow } from '../../shared/api/types';
import { applyDockerEvent } from './live';

const row = (id: string, state = 'running', host = 'local') => ({ id, name: id, state, status: 'Up 1 minute', host, labels: {}, app: null }) as unknown as ContainerRow;
const list = (): ContainerList => ({ containers: [row('a'), row('b'), row('c', 'running', 'build1')], unreachable: [] });
const ev = (action: string, id: string, type = 'container') => ({ type, action, id });

describe('applyDockerEvent', () => {
  it('patches the state of the one row a start/die/pause names', () => {
    const before = list();
    const out = applyDockerEvent(before, ev('die', 'a'), 'local');
    expect(out.refetch).toBe(false);
    expect(out.list!.containers[0]).toMatchObject({ state: 'exited', status: 'exited' });
    expect(out.list!.containers[1]).toBe(before.containers[1]);
    expect(applyDockerEvent(out.list, ev('start', 'a'), 'local').list!.containers[0].state).toBe('running');
    expect(applyDockerEvent(before, ev('pause', 'b'), 'local').list!.containers[1].state).toBe('paused');
  });
  it('shows the health status without changing the state', () => {
    const out = applyDockerEvent(list(), ev('health_status: unhealthy', 'a'), 'local');
    expect(out.list!.containers[0]).toMatchObject({ state: 'running', status: 'Up 1 minute (unhealthy)' });
    const again = applyDockerEvent(out.list, ev('health_status: healthy', 'a'), 'local');
    expect(again.list!.containers[0].status).toBe('Up 1 minute (healthy)');
  });
  it('refetches when containers appear, go or are renamed', () => {
    for (const a of ['create', 'destroy', 'rename']) expect(applyDockerEvent(list(), ev(a, 'z'), 'local').refetch).toBe(true);
    expect(applyDockerEvent(list(), ev('start', 'unknown'), 'local').refetch).toBe(true);
  });
  it('ignores other hosts, other object types and an event that changes nothing', () => {
    const before = list();
    expect(applyDockerEvent(before, ev('die', 'c'), 'local')).toEqual({ list: before, refetch: false });
    expect(applyDockerEvent(before, ev('die', 'a', 'network'), 'local').list).toBe(before);
    expect(applyDockerEvent(before, ev('exec_start: sh', 'a'), 'local').list).toBe(before);
  });
});
