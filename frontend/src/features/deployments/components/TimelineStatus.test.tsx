// The timeline as the user watches it: a rolled back deployment is red like a failed one, a replaced
// one grey; a deployment in progress counts its duration up on the shared clock, without a reload.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { App, Deployment } from '../../../shared/api/types';
import { renderInto } from '../../../shared/testing/render';
import { Timeline } from './Timeline';

const app = { id: 'app_1', name: 'shop', live_deployment_id: 'd2' } as App;
const dep = (id: string, status: string, started_at: string | null, finished_at: string | null) =>
  ({ id, app_id: 'app_1', status, trigger: 'manual', commit_sha: `${id}000000000000`, commit_message: id, image: null,
     rollback_of: null, error: null, created_at: started_at ?? '2025-01-01T00:00:00Z', started_at, finished_at }) as Deployment;

beforeEach(() => { vi.useFakeTimers(); vi.setSystemTime(new Date('2025-01-01T00:00:00Z')); });
afterEach(() => vi.useRealTimers());

describe('Timeline status', () => {
  it('styles rolled back red, apart from replaced', () => {
    const { div } = renderInto(<Timeline app={app} selected={null} onSelect={() => {}} onStarted={() => {}} deps={[
      dep('d3', 'rolled_back', '2024-12-31T23:50:00Z', '2024-12-31T23:51:00Z'),
      dep('d2', 'running', '2024-12-31T23:40:00Z', '2024-12-31T23:41:00Z'),
      dep('d1', 'replaced', '2024-12-31T23:30:00Z', '2024-12-31T23:31:00Z'),
    ]} />);
    const badges = [...div.querySelectorAll('.badge')].map((b) => `${b.textContent}:${b.className}`);
    expect(badges).toEqual(['rolled back:badge bad', 'running:badge ok', 'replaced:badge muted']);
  });

  it("counts an in-progress deployment's duration up each second", () => {
    const { div } = renderInto(<Timeline app={app} selected={null} onSelect={() => {}} onStarted={() => {}}
      deps={[dep('d3', 'building', '2024-12-31T23:59:50Z', null)]} />);
    const duration = () => div.querySelector('li small')?.textContent ?? '';
    expect(duration()).toMatch(/ 10s$/);
    act(() => { vi.advanceTimersByTime(3000); });
    expect(duration()).toMatch(/ 13s$/);
  });
});
