// The failed-deploy badge and the app page's note: the badge is a plain word until the last deploy
// fails, then a red link to that deployment; the note gives the server's reason and, for a rolled back
// deploy, says the previous version still serves.
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../shared/api/types';
import { renderInto } from '../../../shared/testing/render';
import { AppStatusBadge, FailureNote } from './AppStatusBadge';

const failed = (status: string) => ({ id: 'dep_9', app_id: 'app_1', status, error: 'build failed at step 3/5 (RUN make):\nmake: *** no rule', created_at: '2025-01-01T00:00:00Z', finished_at: null }) as Deployment;

describe('AppStatusBadge', () => {
  it('is the status word alone while nothing failed', () => {
    const { div } = renderInto(<AppStatusBadge app={{ name: 'shop' }} state={{ status: 'running', failure: null }} />);
    expect(div.querySelector('a')).toBeNull();
    expect(div.querySelector('.badge')?.outerHTML).toBe('<span class="badge ok">running</span>');
  });
  it('links a failed last deploy, with its first line as the tooltip', () => {
    const { div } = renderInto(<AppStatusBadge app={{ name: 'shop' }} state={{ status: 'stopped', failure: failed('failed') }} />);
    const a = div.querySelector('a')!;
    expect([a.textContent, a.className, a.getAttribute('href'), a.title])
      .toEqual(['stopped · last deploy failed', 'badge bad', '/apps/shop?tab=deployments&deployment=dep_9', 'Why: build failed at step 3/5 (RUN make):']);
  });
});

describe('FailureNote', () => {
  it("gives the server's whole reason and says when the previous version keeps serving", () => {
    const { div } = renderInto(<FailureNote failure={failed('rolled_back')} />);
    expect(div.querySelector('pre')?.textContent).toBe('build failed at step 3/5 (RUN make):\nmake: *** no rule');
    expect(div.textContent).toContain('the previous version keeps serving');
    expect(div.querySelector('button')).toBeNull(); // its build log is on screen already
    const { div: other } = renderInto(<FailureNote failure={failed('failed')} onShow={() => {}} />);
    expect(other.textContent).not.toContain('keeps serving');
    expect(other.querySelector('button')?.textContent).toBe('Show its build log');
  });
});
