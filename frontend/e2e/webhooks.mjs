// The Webhook tab's deliveries: a push signed as GitHub signs it (HMAC-SHA256 of the body with the app's
// webhook secret) deploys the pushed commit, its row appears live with a link to the deployment, and
// the deployment shows the commit's message and author; "Send test delivery" pings the server's own
// webhook URL and its pong is listed too. Run by run.mjs on the live v1.
import { createHmac, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { apiCall, checkA11y, log, until } from './lib.mjs';

const exec = promisify(execFile);
const gitOut = async (repo, ...args) => (await exec('git', ['-C', repo, ...args])).stdout.trim();

// GitHub's push payload, cut to the fields a receiver reads.
async function pushPayload(repo, gitUrl, sha) {
  const [message, name, email] = (await gitOut(repo, 'show', '-s', '--format=%B%x00%an%x00%ae', sha)).split('\0');
  return {
    ref: 'refs/heads/main', before: '0'.repeat(40), after: sha, deleted: false,
    repository: { full_name: 'e2e/e2e-app', clone_url: gitUrl, html_url: gitUrl },
    head_commit: { id: sha, message: message.trim(), author: { name, email } },
    commits: [{ id: sha, message: message.trim(), author: { name, email } }],
  };
}

async function sendSignedPush(base, secret, body, delivery) {
  const signature = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
  const r = await fetch(`${base}/webhooks/github`, {
    method: 'POST', body,
    headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push', 'X-GitHub-Delivery': delivery, 'X-Hub-Signature-256': signature },
  });
  const text = await r.text();
  if (r.status !== 202) throw new Error(`the signed push was answered ${r.status}: ${text}`);
  return JSON.parse(text).deployment_id;
}

export async function webhookDeliveries(page, base, appId, repo, shot) {
  const app = JSON.parse((await apiCall(base, 'GET', `/api/apps/${appId}`)).body);
  await page.getByRole('tab', { name: 'Webhook' }).click();
  await page.getByText('No webhook deliveries yet').waitFor();

  // The v1 commit again (the app serves v1 from here on, as the rest of the run expects).
  const sha = await gitOut(repo, 'rev-parse', 'HEAD~1');
  const delivery = randomUUID();
  const body = JSON.stringify(await pushPayload(repo, app.git_url, sha));
  const deploymentId = await sendSignedPush(base, app.webhook_secret, body, delivery);
  const row = page.locator(`tr[data-delivery="${delivery}"]`);
  await row.getByText('deployed').waitFor(); // no reload: the live feed's webhook_delivery event
  await row.getByRole('link', { name: deploymentId }).waitFor();
  if (!(await row.textContent()).includes(sha.slice(0, 8))) throw new Error(`the delivery row lacks commit ${sha}`);
  log('webhook: a signed push is listed live with its deployment', deploymentId);

  await until(`webhook deployment ${deploymentId} to go live`, async () => {
    const d = JSON.parse((await apiCall(base, 'GET', `/api/deployments/${deploymentId}`)).body);
    return { ok: d.status === 'running', status: d.status, body: d.error ?? '' };
  });
  await row.getByRole('link', { name: deploymentId }).click();
  const entry = page.getByRole('list', { name: 'Deployments, newest first' }).getByRole('button', { pressed: true });
  await entry.getByText('version v1').waitFor();
  await entry.getByText('e2e', { exact: false }).first().waitFor();
  log('webhook: the link opens the deployment, which shows its commit message and author');

  await page.getByRole('tab', { name: 'Webhook' }).click();
  await page.getByRole('button', { name: 'Send test delivery' }).click();
  const result = page.getByRole('status', { name: 'Test delivery result' });
  await result.getByText(/Delivered: HTTP 200 in \d+ ms/).waitFor({ timeout: 20_000 });
  await page.locator('tr', { hasText: 'ping' }).getByText('pong').waitFor();
  await shot('11b-webhook-deliveries');
  await checkA11y(page, 'app: webhook deliveries');
  log('webhook: the test delivery is answered and listed');
  await page.getByRole('tab', { name: 'Deployments' }).click();
}
