// The apps pages ask two questions whatever the number of apps, and map each app to its newest deployment.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFleet } from './fleet';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

describe('loadFleet', () => {
  it('loads 1,000 apps and their newest deployments in two requests', async () => {
    const apps = Array.from({ length: 1000 }, (_, i) => ({ id: `app_${i}`, name: `app-${i}`, domains: [] }));
    const deployments = apps.filter((_, i) => i % 2 === 0).map((a, i) => ({ id: `dep_${i}`, app_id: a.id, status: 'running', created_at: '2025-01-01' }));
    const f = vi.fn(async (url: string) => json(url === '/api/apps' ? apps : { deployments }));
    vi.stubGlobal('fetch', f);
    const fleet = await loadFleet();
    expect(f.mock.calls.map((c) => c[0]).sort()).toEqual(['/api/apps', '/api/deployments?latest_per_app=1']);
    expect(fleet.apps).toHaveLength(1000);
    expect(fleet.latest.app_0.id).toBe('dep_0');
    expect(fleet.latest.app_1).toBeUndefined();
    expect(Object.keys(fleet.latest)).toHaveLength(500);
  });
});
