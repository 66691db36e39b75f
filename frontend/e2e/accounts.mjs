// Accounts as users meet them: a developer changes their password (the old one is refused
// afterwards, the new one works, this browser stays signed in), turns on TOTP from its QR code and
// gets recovery codes, signs in with one of them (and is refused when using it twice); a viewer
// sees Deploy disabled with the reason instead of a 403 after clicking; an admin sets a forgotten
// password from the users table.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TOKEN, artifacts, checkA11y, log, totp, totpStep, watchCsp } from './lib.mjs';

const OLD = 'first password 1';
const NEW = 'second password 2';

async function createUser(base, username, password, role) {
  const r = await fetch(`${base}/api/users`, {
    method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password, role }),
  });
  if (r.status !== 201) throw new Error(`creating ${username}: ${r.status} ${await r.text()}`);
}

async function loginStatus(base, username, password) {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  return r.status;
}

async function signIn(page, username, password) {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function newPage(browser, base, path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  watchCsp(page);
  await page.goto(base + path);
  return { context, page };
}

async function changePassword(page, base) {
  await page.getByRole('tab', { name: 'Password' }).click();
  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password', { exact: true }).fill(NEW);
  await page.getByLabel('New password again').fill(NEW);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('the current password is wrong').waitFor();
  await page.getByLabel('Current password').fill(OLD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Password changed. Your other sessions were signed out.').waitFor();
  await checkA11y(page, 'settings: password');
  // The browser that changed it holds a fresh session: a reload stays signed in.
  await page.reload();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  const [oldStatus, newStatus] = [await loginStatus(base, 'pat', OLD), await loginStatus(base, 'pat', NEW)];
  if (oldStatus !== 401 || newStatus !== 200) throw new Error(`after the change: old password ${oldStatus}, new ${newStatus}`);
  log('password changed: the old one is refused, the new one works, this browser stayed signed in');
}

async function enrolWithRecoveryCodes(page) {
  await page.getByRole('tab', { name: 'Two-factor authentication' }).click();
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  const qr = page.getByRole('img', { name: /QR code of the otpauth URI/ });
  await qr.waitFor();
  const box = await qr.boundingBox();
  if (!box || box.width < 150) throw new Error(`the QR code is not shown at a scannable size: ${JSON.stringify(box)}`);
  await page.getByRole('button', { name: 'Copy key' }).waitFor();
  await page.screenshot({ path: join(artifacts, '13-totp-qr.png'), fullPage: true });
  await checkA11y(page, 'settings: TOTP QR code');
  const secret = await page.getByLabel(/^Secret key/).inputValue();
  await page.getByLabel('Code from your authenticator app').fill(totp(secret, totpStep()));
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await page.getByText('Store these now').waitFor();
  const codes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents();
  if (codes.length !== 10 || !codes.every((c) => /^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/.test(c))) throw new Error(`recovery codes shown: ${codes}`);
  // Copy and download give exactly the codes shown, one a line.
  const expected = codes.join('\n') + '\n';
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.getByRole('button', { name: 'Copy codes' }).click();
  await page.getByText('Copied the recovery codes').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  if (copied !== expected) throw new Error(`the clipboard holds ${JSON.stringify(copied)}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download codes' }).click()]);
  const saved = await readFile(await download.path(), 'utf8');
  if (saved !== expected || download.suggestedFilename() !== 'rivetr-recovery-codes-pat.txt') {
    throw new Error(`downloaded ${download.suggestedFilename()}: ${JSON.stringify(saved)}`);
  }
  await page.screenshot({ path: join(artifacts, '14-recovery-codes.png'), fullPage: true });
  await checkA11y(page, 'settings: recovery codes');
  log('TOTP on from the QR code; 10 recovery codes shown, copied and downloaded intact');
  return codes;
}

async function signInWithRecoveryCode(page, code) {
  await signIn(page, 'pat', NEW);
  await page.getByText('Enter the 6-digit code from your authenticator app.').waitFor();
  await page.getByRole('button', { name: 'Lost your authenticator? Use a recovery code' }).click();
  await page.getByLabel('Recovery code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function recoveryCodeSignIn(page, codes) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInWithRecoveryCode(page, codes[0]);
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await page.getByText(/^Signed in with a recovery code: 9 left/).waitFor();
  await page.getByRole('tab', { name: 'Two-factor authentication' }).click();
  await page.getByText('9 recovery codes left.').waitFor();
  log('signed in with a recovery code; 9 left');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInWithRecoveryCode(page, codes[0]);
  await page.getByText('That recovery code was not accepted: each code works once.').waitFor();
  log('the used recovery code was refused');
}

async function viewerSeesDisabledDeploy(browser, base, appName) {
  await createUser(base, 'vic', 'viewer password 1', 'viewer');
  const { context, page } = await newPage(browser, base, `/apps/${appName}`);
  await signIn(page, 'vic', 'viewer password 1');
  const deploy = page.getByRole('button', { name: 'Deploy', exact: true });
  await deploy.waitFor();
  const reason = 'Viewers cannot deploy — ask an admin for the developer role';
  if (!(await deploy.isDisabled())) throw new Error('a viewer can click Deploy');
  const said = await deploy.getAttribute('aria-description');
  if (said !== reason) throw new Error(`Deploy's description for a viewer: ${said}`);
  if ((await deploy.getAttribute('title')) !== reason) throw new Error('Deploy has no tooltip with the reason');
  await page.screenshot({ path: join(artifacts, '15-viewer-app.png'), fullPage: true });
  await checkA11y(page, 'app detail as viewer');
  await context.close();
  log('a viewer sees Deploy disabled:', reason);
}

async function adminSetsAPassword(browser, base) {
  const { context, page } = await newPage(browser, base, '/settings?tab=users');
  await page.getByRole('tab', { name: 'API token' }).click();
  await page.getByLabel('API token', { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Set password of vic' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set a new password for vic' });
  await dialog.getByLabel('New password').fill('given by the admin');
  await checkA11y(page, 'set password dialog');
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await dialog.waitFor({ state: 'detached' });
  const [oldStatus, newStatus] = [await loginStatus(base, 'vic', 'viewer password 1'), await loginStatus(base, 'vic', 'given by the admin')];
  if (oldStatus !== 401 || newStatus !== 200) throw new Error(`after the admin's reset: old password ${oldStatus}, new ${newStatus}`);
  await context.close();
  log('the admin set a forgotten password from the users table');
}

export async function accounts(browser, base, appName) {
  await createUser(base, 'pat', OLD, 'developer');
  const { context, page } = await newPage(browser, base, '/settings?tab=password');
  await signIn(page, 'pat', OLD);
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await changePassword(page, base);
  const codes = await enrolWithRecoveryCodes(page);
  await recoveryCodeSignIn(page, codes);
  await context.close();
  await viewerSeesDisabledDeploy(browser, base, appName);
  await adminSetsAPassword(browser, base);
}
