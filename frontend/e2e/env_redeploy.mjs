// Save and redeploy from the Env tab, run by run.mjs after appScreens (which saved API_SECRET without
// a redeploy, so the live container lacks it): Restart warns that it keeps the old variables, the
// banner says so, an edit survives a tab switch, a pasted .env shows its bad line, and "Save and
// redeploy" makes a new deployment reach running whose container serves the new value via the proxy.
import { checkA11y, log, STEP_MS, until, viaProxy } from './lib.mjs';

export async function envRedeploy(page, proxyPort, shot) {
  const before = await viaProxy(proxyPort, '/env?name=API_SECRET');
  if (before.status !== 404) throw new Error(`the live container already has API_SECRET (${before.status}): nothing to redeploy`);

  // Restart would not apply the saved variable: it asks first and says so.
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  const ask = page.getByRole('alertdialog');
  await ask.getByText('Restart does not apply changed variables — Save and redeploy does.').waitFor();
  await ask.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('tab', { name: 'Environment' }).click();
  await page.getByRole('status').filter({ hasText: 'Restart does not apply changed variables' }).waitFor();

  // An unsaved edit is still there after looking at another tab.
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.locator('table.env tbody tr').last().getByRole('textbox').first().fill('GREETING');
  await page.getByLabel('Value of GREETING').fill('typed');
  await page.getByRole('tab', { name: 'Logs' }).click();
  await page.getByRole('tab', { name: 'Environment' }).click();
  if ((await page.getByLabel('Value of GREETING').inputValue()) !== 'typed') throw new Error('the unsaved edit was lost on a tab switch');
  await page.getByText('Unsaved changes').waitFor();
  log('env: an unsaved edit survives a tab switch');

  // A pasted .env: the bad line is named and blocks the add until it is fixed.
  await page.getByRole('button', { name: 'Paste .env' }).click();
  const paste = page.getByRole('dialog', { name: 'Paste a .env file' });
  const text = '# from the e2e\nexport GREETING="hello from paste"\nnot a variable\n';
  await paste.getByRole('textbox').fill(text);
  await paste.getByText('Line 3: expected KEY=VALUE').waitFor();
  await paste.getByRole('textbox').fill(text.replace('not a variable\n', ''));
  await paste.getByRole('button', { name: 'Add 1 variable' }).click();
  if ((await page.getByLabel('Value of GREETING').inputValue()) !== 'hello from paste') throw new Error('the pasted value did not replace the typed one');
  await shot('10b-env-unsaved');
  await checkA11y(page, 'app: environment with unsaved edits');

  await page.getByRole('button', { name: 'Save and redeploy' }).click();
  await page.getByText(/^Saved\. Redeploying with these values: deployment .* started/).waitFor();
  const newest = page.locator('.timeline li').first();
  await newest.getByText('redeploy', { exact: false }).first().waitFor({ timeout: STEP_MS });
  await newest.locator('.badge', { hasText: 'running' }).waitFor({ timeout: STEP_MS });
  await until('the proxy to serve the redeployed GREETING', async () => {
    const r = await viaProxy(proxyPort, '/env?name=GREETING');
    return { ok: r.status === 200 && r.body === 'hello from paste\n', ...r };
  }, 60_000);
  const secret = await viaProxy(proxyPort, '/env?name=API_SECRET');
  if (secret.status !== 200) throw new Error(`the redeployed container lacks API_SECRET (${secret.status})`);
  const version = await viaProxy(proxyPort, '/');
  if (!version.body.includes('version=v1')) throw new Error(`a redeploy changed the code: ${version.body}`);
  await shot('10c-env-redeployed');
  await page.getByRole('tab', { name: 'Environment' }).click();
  await page.getByLabel('Value of GREETING').waitFor();
  await until('the banner to go once the redeploy is live', async () => {
    const shown = await page.getByText('Restart does not apply changed variables').count();
    return { ok: shown === 0, shown };
  }, 30_000);
  await page.getByRole('tab', { name: 'Deployments' }).click();
  log('env: save and redeploy went live with the new value, same image (v1), no banner');
}
