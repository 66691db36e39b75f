// "Roll back to this" is offered only where the server says a rollback would run (rollback_available):
// never for a deployment that failed its health check or whose image was pruned, nor for the live one.
import { describe, expect, it } from 'vitest';
import type { App, Deployment } from '../../../shared/api/types';
import { renderInto, testQueryClient } from '../../../shared/testing/render';
import { mergeDeployment } from '../../apps/appStatus';
import { deploymentKeys } from '../keys';
import { applyDeployment } from '../live';
import { Timeline } from './Timeline';

const app = { id: 'app_1', name: 'shop', live_deployment_id: 'd4' } as App;
const dep = (id: string, status: string, rollback_available: boolean, created_at: string) =>
  ({ id, app_id: 'app_1', status, trigger: 'manual', commit_sha: `${id}000000000000`, commit_message: id,
     image: `rivetr/app_1:${id}`, rollback_of: null, error: null, created_at, started_at: null, finished_at: null,
     rollback_available }) as Deployment;

function rowsWithRollback(deps: Deployment[]): string[] {
  const { div } = renderInto(<Timeline app={app} deps={deps} selected={null} onSelect={() => {}} onStarted={() => {}} />);
  return [...div.querySelectorAll('li')]
    .filter((li) => [...li.querySelectorAll('button')].some((b) => b.textContent === 'Roll back to this'))
    .map((li) => li.querySelector('code')?.textContent ?? '');
}

describe('Timeline', () => {
  it('shows each commit\'s first line and its author\'s name', () => {
    const d = { ...dep('d1', 'running', false, '2025-01-01'), commit_message: 'Fix the basket total\n\nLong text', commit_author: 'Ann Smith <ann@example.com>' };
    const { div } = renderInto(<Timeline app={app} deps={[d]} selected={null} onSelect={() => {}} onStarted={() => {}} />);
    const text = div.querySelector('li')!.textContent!;
    expect(text).toContain('d1000000 Fix the basket total · Ann Smith');
    expect(text).not.toContain('Long text');
    expect(text).not.toContain('ann@example.com');
  });

  it('offers a rollback only for a kept image that passed its health check, never the live one', () => {
    const deps = [
      dep('d4', 'running', true, '2025-01-04'),      // live
      dep('d3', 'rolled_back', false, '2025-01-03'), // failed its health check: it has an image all the same
      dep('d2', 'replaced', false, '2025-01-02'),    // went live once, its image was pruned
      dep('d1', 'replaced', true, '2025-01-01'),
    ];
    expect(rowsWithRollback(deps)).toEqual(['d1000000']);
  });

  it('keeps what a live event leaves out when it merges the event into the list', () => {
    const list = [dep('d1', 'running', true, '2025-01-01')];
    const { rollback_available: _omitted, ...event } = dep('d1', 'replaced', true, '2025-01-01');
    const merged = mergeDeployment(list, event as Deployment);
    expect(merged[0].status).toBe('replaced');
    expect(merged[0].rollback_available).toBe(true);
  });

  it('follows the live events without asking the server: went live yes, failed no, replaced as it was', () => {
    const qc = testQueryClient();
    qc.setQueryData(deploymentKeys.ofApp('app_1'), [dep('d1', 'running', true, '2025-01-01')]);
    const event = (id: string, status: string, created_at: string) => {
      const { rollback_available: _omitted, ...d } = dep(id, status, false, created_at);
      applyDeployment(qc, d as Deployment);
    };
    event('d2', 'running', '2025-01-02');
    event('d1', 'replaced', '2025-01-01');
    event('d3', 'rolled_back', '2025-01-03');
    const list = qc.getQueryData<Deployment[]>(deploymentKeys.ofApp('app_1')) ?? [];
    expect(list.map((d) => `${d.id}:${d.rollback_available}`)).toEqual(['d3:false', 'd2:true', 'd1:true']);
  });
});
