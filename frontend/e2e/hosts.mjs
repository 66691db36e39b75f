// The Hosts page: the local engine is listed ok with its version; an admin adds a remote tcp host
// whose port nobody listens on, tests it and reads why it is unreachable on the page, then removes
// it; the credentials pasted in never come back from the API, and each step is in the audit log.
// Run by run.mjs with the admin's page.
import { apiCall, checkA11y, confirmDialog, freePort, log } from './lib.mjs';

const pem = (label, body) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;

export async function hostsPage(page, base, shot) {
  await page.getByRole('link', { name: 'Hosts', exact: true }).click();
  await page.getByRole('heading', { name: 'Hosts', exact: true }).waitFor();
  const local = page.getByRole('row').filter({ hasText: 'local' }).first();
  await local.locator('.badge', { hasText: 'ok' }).waitFor();

  const port = await freePort();
  const form = page.getByRole('form', { name: 'Add a remote host' });
  await form.getByLabel('Name').fill('e2e-remote');
  await form.getByLabel('Address').fill(`127.0.0.1:${port}`);
  await form.getByLabel('CA certificate').fill(pem('CERTIFICATE', 'e2e-ca'));
  await form.getByLabel('Client certificate').fill(pem('CERTIFICATE', 'e2e-cert'));
  await form.getByLabel('Client key').fill(pem('PRIVATE KEY', 'e2e-secret-key-material'));
  await form.getByRole('button', { name: 'Add host' }).click();
  await page.getByText('Host e2e-remote added.').waitFor();
  const row = page.getByRole('row').filter({ hasText: 'e2e-remote' });
  await row.getByText(`127.0.0.1:${port}`).waitFor();
  log('hosts: a remote tcp host is added from the form');

  await row.getByRole('button', { name: 'Test e2e-remote' }).click();
  await page.getByRole('status').filter({ hasText: /^e2e-remote: test failed — cannot reach engine/ }).waitFor();
  await row.locator('.badge', { hasText: 'unreachable' }).waitFor();
  await shot('16-hosts');
  await checkA11y(page, 'hosts');
  log('hosts: Test says why the host is unreachable, and the row shows it');

  const listed = await apiCall(base, 'GET', '/api/hosts');
  if (listed.body.includes('e2e-secret-key-material')) throw new Error('GET /api/hosts returned a credential');
  await row.getByRole('button', { name: 'Remove e2e-remote' }).click();
  await confirmDialog(page, 'Remove host');
  await row.waitFor({ state: 'detached' });
  const audit = (await apiCall(base, 'GET', '/api/audit?limit=50')).body;
  for (const action of ['host.create', 'host.test', 'host.delete'])
    if (!audit.includes(`"${action}"`)) throw new Error(`the audit log lacks ${action}`);
  log('hosts: removed after confirming; create, test and delete are in the audit log');
}
