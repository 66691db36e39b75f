// The webhook tab: the payload URL is built on [server] public_url, and the server's warning is shown.
import { describe, expect, it } from 'vitest';
import { renderInto } from '../../../shared/testing/render';
import { Webhook } from './Webhook';

const payloadUrl = (div: HTMLElement) => (div.querySelectorAll('input')[0] as HTMLInputElement).value;

describe('Webhook', () => {
  it('shows the payload URL on the public URL, without a warning when it is reachable', () => {
    const { div } = renderInto(<Webhook secret="whsec_x" system={{ public_url: 'https://paas.example.com', public_url_warning: null }} />);
    expect(payloadUrl(div)).toBe('https://paas.example.com/webhooks/github');
    expect(div.querySelector('[role="note"]')).toBeNull();
  });
  it('falls back to the dashboard origin and says why GitHub may not reach it', () => {
    const warning = '[server] public_url is not set: webhook URLs use the address this dashboard was opened at';
    const { div } = renderInto(<Webhook secret="whsec_x" system={{ public_url: null, public_url_warning: warning }} />);
    expect(payloadUrl(div)).toBe(`${location.origin}/webhooks/github`);
    expect(div.querySelector('[role="note"]')?.textContent).toBe(warning);
  });
});
