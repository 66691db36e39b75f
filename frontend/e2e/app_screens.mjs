// The app page's other screens on the live v1 (certificate state, runtime logs, restart, stop/start,
// a masked secret env var, the webhook panel), run by run.mjs after the deploy and rollback.
import { DOMAIN, apiCall, checkA11y, confirmDialog, log, until, viaProxy } from './lib.mjs';

export async function appScreens(page, base, proxyPort, appId, shot) {
  const certs = JSON.parse((await apiCall(base, 'GET', `/api/apps/${appId}/certificates`)).body);
  const state = certs.certificates.find((c) => c.domain === DOMAIN)?.state;
  if (!state) throw new Error(`no certificate entry for ${DOMAIN}: ${JSON.stringify(certs)}`);
  await page.getByRole('list', { name: 'Domains and certificates' }).locator('li', { hasText: DOMAIN })
    .locator('.badge', { hasText: `Certificate: ${state}` }).waitFor();
  log('certificate state shown:', state);

  await page.getByRole('tab', { name: 'Logs' }).click();
  const runtime = page.getByRole('log', { name: 'Runtime output of the live container' });
  await runtime.getByText(/testserver listening port=8000 version=v1/).first().waitFor({ timeout: 30_000 });
  const marker = `e2e-runtime-${Date.now()}`;
  await until('a request through the proxy to log a line', async () => {
    const r = await viaProxy(proxyPort, `/log?stdout=${marker}`);
    return { ok: r.status === 200, ...r };
  }, 30_000);
  await runtime.getByText(marker).waitFor({ timeout: 30_000 });
  await shot('09-runtime-logs');
  await checkA11y(page, 'app: runtime logs');
  log('runtime logs: the container output appears live');

  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  await page.getByText('Restarted: running').waitFor({ timeout: 60_000 });
  await until('the proxy to serve v1 after the restart', async () => {
    const r = await viaProxy(proxyPort);
    return { ok: r.status === 200 && r.body.includes('version=v1'), ...r };
  }, 30_000);
  log('restart: the result is shown and the proxy serves v1');

  // Stop parks the domains (503) and the badge says so; Start brings v1 back.
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await confirmDialog(page, 'Stop e2e-app');
  await page.getByText(/^Stopped: /).waitFor({ timeout: 60_000 });
  await page.getByRole('heading', { name: /e2e-app/ }).getByText('stopped').waitFor();
  const parked = await viaProxy(proxyPort);
  if (parked.status !== 503) throw new Error(`a stopped app answered ${parked.status}, not 503`);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByText(/^Started: /).waitFor({ timeout: 60_000 });
  await until('the proxy to serve v1 after start', async () => {
    const r = await viaProxy(proxyPort);
    return { ok: r.status === 200 && r.body.includes('version=v1'), ...r };
  }, 30_000);
  log('stop answers 503 and shows stopped; start serves v1 again');

  const secretValue = 'e2e-s3cret-value';
  await page.getByRole('tab', { name: 'Environment' }).click();
  await page.getByRole('button', { name: 'Add variable' }).click();
  const last = page.locator('table.env tbody tr').last();
  await last.getByRole('textbox').first().fill('API_SECRET');
  await page.getByLabel('Value of API_SECRET').fill(secretValue);
  await page.getByLabel('API_SECRET is secret').check();
  await page.getByRole('button', { name: 'Save variables' }).click();
  await page.getByText(/^Saved\./).waitFor();
  await page.reload();
  const value = page.getByLabel('Value of API_SECRET');
  await value.waitFor();
  const [shown, type] = [await value.inputValue(), await value.getAttribute('type')];
  if (shown === secretValue || !/^\*+$/.test(shown) || type !== 'password') {
    throw new Error(`the secret env var is not masked after a reload: value ${JSON.stringify(shown)}, type ${type}`);
  }
  if (!(await page.getByLabel('API_SECRET is secret').isChecked())) throw new Error('API_SECRET lost its secret flag');
  await shot('10-env');
  await checkA11y(page, 'app: environment');
  log('env: the secret variable is stored and shown masked after a reload');

  await page.getByRole('tab', { name: 'Webhook' }).click();
  const app = JSON.parse((await apiCall(base, 'GET', `/api/apps/${appId}`)).body);
  const url = await page.getByLabel('Payload URL').inputValue();
  if (url !== `${base}/webhooks/github`) throw new Error(`webhook URL shown: ${url}`);
  await page.getByRole('button', { name: 'Show secret' }).click();
  const secret = page.getByLabel('Secret', { exact: true });
  if ((await secret.getAttribute('type')) !== 'text' || (await secret.inputValue()) !== app.webhook_secret || !app.webhook_secret) {
    throw new Error('the webhook panel does not show the app\'s webhook secret');
  }
  await shot('11-webhook');
  await checkA11y(page, 'app: webhook');
  log('webhook: URL and secret shown');
  await page.getByRole('tab', { name: 'Deployments' }).click();
}

// The signed-in user turns on TOTP in Settings (the code computed here as an authenticator app
// would), signs out, and signs in again with password and code.
