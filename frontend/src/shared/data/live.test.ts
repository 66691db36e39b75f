// The live feed applied to the cache: a deployment event moves the app's badge in the fleet, enters
// the app's timeline and every "recent" list (cut to its length), a finished app action refetches
// the app records, and a malformed or unknown event changes nothing.
import { describe, expect, it } from 'vitest';
import type { App, Deployment } from '../api/types';
import { appKeys } from '../../features/apps/keys';
import type { Fleet } from '../../features/apps/fleet';
import '../../features/apps/live';
import { deploymentKeys } from '../../features/deployments/keys';
import '../../features/deployments/live';
import { testQueryClient } from '../testing/render';
import { applyLiveEvent } from './live';

const dep = (id: string, app_id: string, status: string, created_at: string) => ({ id, app_id, status, created_at }) as Deployment;
const app = (id: string, live: string | null) => ({ id, name: id, live_deployment_id: live }) as App;

describe('applyLiveEvent', () => {
  it('patches every cached list a deployment appears in', () => {
    const qc = testQueryClient();
    qc.setQueryData<Fleet>(appKeys.fleet, { apps: [app('a1', null)], latest: { a1: dep('d1', 'a1', 'running', '2025-01-01') } });
    qc.setQueryData(deploymentKeys.ofApp('a1'), [dep('d1', 'a1', 'running', '2025-01-01')]);
    qc.setQueryData(deploymentKeys.ofApp('a2'), [dep('x', 'a2', 'failed', '2025-01-01')]);
    qc.setQueryData(deploymentKeys.recent(2), [dep('d1', 'a1', 'running', '2025-01-01'), dep('d0', 'a1', 'replaced', '2024-12-01')]);

    applyLiveEvent(qc, 'deployment', JSON.stringify(dep('d2', 'a1', 'building', '2025-02-01')));

    expect(qc.getQueryData<Fleet>(appKeys.fleet)!.latest.a1.status).toBe('building');
    expect(qc.getQueryData<Deployment[]>(deploymentKeys.ofApp('a1'))!.map((d) => d.id)).toEqual(['d2', 'd1']);
    expect(qc.getQueryData<Deployment[]>(deploymentKeys.ofApp('a2'))!.map((d) => d.id)).toEqual(['x']);
    expect(qc.getQueryData<Deployment[]>(deploymentKeys.recent(2))!.map((d) => `${d.id}:${d.status}`)).toEqual(['d2:building', 'd1:running']);
    // A deployment nobody looked at is not cached for nothing.
    expect(qc.getQueryData(deploymentKeys.one('d2'))).toBeUndefined();
  });

  it('marks the app records stale when a deployment goes live or an action finishes', () => {
    const qc = testQueryClient();
    qc.setQueryData(appKeys.detail('a1'), app('a1', 'd1'));
    qc.setQueryData<Fleet>(appKeys.fleet, { apps: [], latest: {} });
    const stale = () => [qc.getQueryState(appKeys.detail('a1'))!.isInvalidated, qc.getQueryState(appKeys.fleet)!.isInvalidated];

    applyLiveEvent(qc, 'deployment', JSON.stringify(dep('d1', 'a1', 'running', '2025-01-01')));
    expect(stale()).toEqual([false, false]); // already the live one
    applyLiveEvent(qc, 'action', JSON.stringify({ id: 'x', app_id: 'a1', action: 'stop', status: 'in_progress' }));
    expect(stale()).toEqual([false, false]); // not finished yet
    applyLiveEvent(qc, 'deployment', JSON.stringify(dep('d2', 'a1', 'running', '2025-02-01')));
    expect(stale()[0]).toBe(true);
    applyLiveEvent(qc, 'action', JSON.stringify({ id: 'x', app_id: 'a1', action: 'stop', status: 'done' }));
    expect(stale()).toEqual([true, true]);
  });

  it('ignores malformed and unknown events', () => {
    const qc = testQueryClient();
    qc.setQueryData(deploymentKeys.ofApp('a1'), [dep('d1', 'a1', 'running', '2025-01-01')]);
    applyLiveEvent(qc, 'deployment', '{not json');
    applyLiveEvent(qc, 'ping', '{}');
    expect(qc.getQueryData<Deployment[]>(deploymentKeys.ofApp('a1'))).toHaveLength(1);
  });
});
