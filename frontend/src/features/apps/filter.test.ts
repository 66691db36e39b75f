// Search and status filter of the apps list; status derivation from the newest deployment.
import { describe, expect, it } from 'vitest';
import type { App, Deployment } from '../../shared/api/types';
import { appState, appStatus, countByStatus, mergeDeployment, mergeLatest, stateLabel } from './appStatus';
import { filterApps } from './filter';

const app = (name: string, extra: Partial<App> = {}) => ({ name, id: name, git_url: `https://git.example/${name}.git`, branch: 'main', domains: [], live_deployment_id: null, ...extra }) as App;
const dep = (id: string, status: string, created_at: string, app_id = 'a') => ({ id, app_id, status, created_at }) as Deployment;

describe('filterApps', () => {
  const rows = [
    { app: app('shop', { domains: ['shop.example.com'] }), status: 'running' as const, failure: null },
    { app: app('blog'), status: 'failed' as const, failure: dep('d1', 'failed', '1') },
    { app: app('shop-admin'), status: 'deploying' as const, failure: null },
  ];
  it('matches every word against name, repository and domains', () => {
    expect(filterApps(rows, 'shop', 'all').map((r) => r.app.name)).toEqual(['shop', 'shop-admin']);
    expect(filterApps(rows, 'SHOP.example', 'all').map((r) => r.app.name)).toEqual(['shop']);
    expect(filterApps(rows, 'shop admin', 'all').map((r) => r.app.name)).toEqual(['shop-admin']);
  });
  it('filters by status and combines with the search', () => {
    expect(filterApps(rows, '', 'failed').map((r) => r.app.name)).toEqual(['blog']);
    expect(filterApps(rows, 'blog', 'running')).toEqual([]);
  });
  it('puts an app that still runs the previous version under "failed" too when its last deploy failed', () => {
    const shop = app('shop', { live_deployment_id: 'd1' });
    const withRollback = [...rows, { app: shop, ...appState(shop, dep('d2', 'rolled_back', '2')) }];
    expect(filterApps(withRollback, '', 'failed').map((r) => r.app.name)).toEqual(['blog', 'shop']);
    expect(filterApps(withRollback, '', 'running').map((r) => r.app.name)).toEqual(['shop', 'shop']);
    expect(countByStatus(withRollback, ['running', 'failed', 'stopped'])).toEqual(new Map([['running', 2], ['failed', 2], ['stopped', 0]]));
  });
});

describe('appState', () => {
  const live = app('a', { live_deployment_id: 'd1' });
  it('says "running · last deploy failed" when a deploy failed or was rolled back while the old version serves', () => {
    for (const status of ['failed', 'rolled_back']) {
      const s = appState(live, dep('d2', status, '2'));
      expect(s.failure?.id).toBe('d2');
      expect(stateLabel(s)).toBe('running · last deploy failed');
    }
    expect(stateLabel(appState({ ...live, stopped: true }, dep('d2', 'rolled_back', '2')))).toBe('stopped · last deploy failed');
  });
  it('says just "failed" when nothing runs, and nothing about failure once a newer deployment started or went live', () => {
    expect(stateLabel(appState(app('a'), dep('d2', 'failed', '2')))).toBe('failed');
    expect(appState(live, dep('d3', 'building', '3')).failure).toBeNull();
    expect(stateLabel(appState(live, dep('d3', 'running', '3')))).toBe('running');
  });
  it('does not call a cancelled or replaced deployment a failure', () => {
    expect(appState(live, dep('d2', 'cancelled', '2')).failure).toBeNull();
    expect(appState(live, dep('d1', 'replaced', '1')).failure).toBeNull();
  });
});

describe('appStatus', () => {
  it('prefers an in-progress deployment over the live one', () => {
    expect(appStatus(app('a', { live_deployment_id: 'd1' }), dep('d2', 'building', '2'))).toBe('deploying');
    expect(appStatus(app('a', { live_deployment_id: 'd1' }), dep('d2', 'failed', '2'))).toBe('running');
    expect(appStatus(app('a'), dep('d2', 'failed', '2'))).toBe('failed');
    expect(appStatus(app('a'), undefined)).toBe('not deployed');
  });
  it('says stopped for an app a user stopped, and running for a deployment that just went live', () => {
    expect(appStatus(app('a', { live_deployment_id: 'd1', stopped: true }), dep('d1', 'running', '1'))).toBe('stopped');
    expect(appStatus(app('a'), dep('d1', 'running', '1'))).toBe('running');
    expect(appStatus(app('a'), dep('d1', 'cancelled', '1'))).toBe('stopped');
  });
  it('says crashed or restarting when the engine saw the live container die, a deployment still winning', () => {
    const live = (state: string) => ({ state, reason: '', exit_code: 137, last_output: '', restarts: 1, since: 1 });
    const crashed = app('a', { live_deployment_id: 'd1', live: live('crashed') } as Partial<App>);
    expect(appStatus(crashed, dep('d1', 'running', '1'))).toBe('crashed');
    expect(appStatus(app('a', { live_deployment_id: 'd1', live: live('restarting') } as Partial<App>), dep('d1', 'running', '1'))).toBe('restarting');
    expect(appStatus(crashed, dep('d2', 'building', '2'))).toBe('deploying');
    expect(appStatus({ ...crashed, stopped: true }, dep('d1', 'running', '1'))).toBe('stopped');
  });
  it('merges a live update in place and keeps newest first', () => {
    const list = [dep('d2', 'building', '2024-01-02'), dep('d1', 'running', '2024-01-01')];
    const merged = mergeDeployment(list, dep('d2', 'running', '2024-01-02'));
    expect(merged.map((d) => `${d.id}:${d.status}`)).toEqual(['d2:running', 'd1:running']);
    expect(mergeDeployment(list, dep('d3', 'pending', '2024-01-03'))[0].id).toBe('d3');
  });
  it('keeps the newest deployment per app when late events of an older one arrive', () => {
    let latest: Record<string, Deployment> = { a: dep('d2', 'building', '2024-01-02') };
    latest = mergeLatest(latest, dep('d1', 'replaced', '2024-01-01'));
    expect(latest.a.id).toBe('d2');
    latest = mergeLatest(latest, dep('d2', 'running', '2024-01-02'));
    expect(latest.a.status).toBe('running');
    latest = mergeLatest(latest, dep('d9', 'pending', '2024-01-01', 'b'));
    expect(Object.keys(latest).sort()).toEqual(['a', 'b']);
  });
});
