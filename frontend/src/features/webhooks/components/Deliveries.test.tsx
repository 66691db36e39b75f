// The deliveries table: what each delivery did (a deployed one links to its deployment, the others say
// why), the empty state that explains how to add the hook, and the live event that refreshes the list.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebhookDelivery } from '../../../shared/api/types';
import { renderInto, settle } from '../../../shared/testing/render';
import { webhookKeys } from '../keys';
import { applyWebhookDelivery } from '../live';
import { Deliveries } from './Deliveries';
import { TestDelivery } from './TestDelivery';
import { json } from '../../../shared/testing/dom';

const row = (id: number, extra: Partial<WebhookDelivery>): WebhookDelivery => ({
  id, provider: 'github', event: 'push', delivery_id: `d-${id}`, ref: 'refs/heads/main', commit_sha: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
  result: 'ignored', reason: '', deployment_id: null, http_status: 202, received_at: new Date().toISOString(), ...extra,
});

afterEach(() => vi.unstubAllGlobals());

async function render(rows: WebhookDelivery[], opened: string[] = []) {
  const fetchMock = vi.fn(async () => json(200, { deliveries: rows }));
  vi.stubGlobal('fetch', fetchMock);
  const out = renderInto(<Deliveries appId="app_1" deploymentHref={(id) => `/apps/shop?deployment=${id}`} onOpenDeployment={(id) => opened.push(id)} />);
  await settle(out.client);
  return { ...out, fetchMock };
}

describe('Deliveries', () => {
  it('links a deployed delivery to its deployment and says why the others did nothing', async () => {
    const opened: string[] = [];
    const { div } = await render([
      row(2, { result: 'rejected', reason: 'the signature is missing or does not match', http_status: 401, ref: null, commit_sha: null }),
      row(1, { result: 'deployed', deployment_id: 'dep_1', reason: 'deploying 0d1a26e67d8f of branch main' }),
    ], opened);
    const [rejected, deployed] = [...div.querySelectorAll('tbody tr')];
    expect(rejected.textContent).toContain('the signature is missing or does not match');
    expect(rejected.textContent).toContain('401');
    expect(rejected.querySelector('.badge')?.className).toContain('bad');
    const link = deployed.querySelector('a')!;
    expect(link.textContent).toBe('dep_1');
    expect(link.getAttribute('href')).toBe('/apps/shop?deployment=dep_1');
    expect(deployed.textContent).toContain('main 0d1a26e6');
    act(() => link.click());
    expect(opened).toEqual(['dep_1']);
  });

  it('explains how to add the hook while there is no delivery', async () => {
    const { div } = await render([]);
    expect(div.textContent).toContain('No webhook deliveries yet');
    expect(div.textContent).toMatch(/GitHub.*Settings → Webhooks.*GitLab.*Gitea/);
  });

  it('fetches the list again when the live feed says a delivery was recorded', async () => {
    const { client, fetchMock } = await render([]);
    const before = fetchMock.mock.calls.length;
    act(() => applyWebhookDelivery(client, { app_id: 'app_1', result: 'deployed', deployment_id: 'dep_2' }));
    await settle(client);
    expect(fetchMock.mock.calls.length).toBe(before + 1);
    expect(client.getQueryState(webhookKeys.deliveries('app_other'))).toBeUndefined();
  });
});

describe('TestDelivery', () => {
  it('shows what came back with the server\'s explanation and warning', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, {
      delivery_id: 'rivetr-test-1', url: 'http://127.0.0.1:8080/webhooks/github', ok: false, status: null, duration_ms: 3,
      response: '', error: 'Could not connect', explanation: 'nothing accepted a connection at http://127.0.0.1:8080/webhooks/github',
      warning: '[server] public_url (http://127.0.0.1:8080) is a loopback address',
    })));
    const { div, client } = renderInto(<TestDelivery appId="app_1" canSend />);
    act(() => div.querySelector('button')!.click());
    await settle(client);
    const status = div.querySelector('[role="status"]')!.textContent;
    expect(status).toContain('Not delivered: no answer in 3 ms — nothing accepted a connection');
    expect(status).toContain('loopback');
  });

  it('is disabled, with the reason, for a viewer', () => {
    const { div } = renderInto(<TestDelivery appId="app_1" canSend={false} />);
    expect(div.querySelector('button')!.disabled).toBe(true);
    expect(div.textContent).toContain('Developers and admins can send a test delivery');
  });
});
