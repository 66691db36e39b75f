// A password user turns on TOTP in Settings and signs in again with password and code.
import { join } from 'node:path';
import { artifacts, checkA11y, log, totp, totpStep } from './lib.mjs';

export async function twoFactor(userPage) {
  await userPage.getByRole('tab', { name: 'Two-factor authentication' }).click();
  await userPage.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  const secret = await userPage.getByLabel(/^Secret key/).inputValue();
  const uri = await userPage.getByLabel(/^otpauth URI/).inputValue();
  if (!/^[A-Z2-7]{16,}=*$/.test(secret) || !uri.startsWith('otpauth://totp/') || !uri.includes(`secret=${secret}`)) {
    throw new Error(`TOTP setup shows secret ${secret} and URI ${uri}`);
  }
  await userPage.getByLabel('Code from your authenticator app').fill('000000' === totp(secret, totpStep()) ? '111111' : '000000');
  await userPage.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await userPage.getByRole('alert').getByText(/wrong or already used code/).waitFor();
  const enabledAt = totpStep();
  await userPage.getByLabel('Code from your authenticator app').fill(totp(secret, enabledAt));
  await userPage.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await userPage.getByText(/Two-factor authentication is on/).first().waitFor();
  await userPage.screenshot({ path: join(artifacts, '12-settings-totp.png'), fullPage: true });
  await checkA11y(userPage, 'settings: two-factor');
  log('TOTP turned on');

  await userPage.getByRole('button', { name: 'Sign out' }).click();
  await userPage.getByLabel('Username', { exact: true }).fill('ada');
  await userPage.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
  await userPage.getByRole('button', { name: 'Sign in' }).click();
  await userPage.getByText('Enter the 6-digit code from your authenticator app.').waitFor();
  // A code is good once: the one used to turn TOTP on is spent, so take the next step's (the server accepts ±1 step).
  await userPage.getByLabel('Authentication code').fill(totp(secret, Math.max(totpStep(), enabledAt + 1)));
  await userPage.getByRole('button', { name: 'Sign in' }).click();
  await userPage.getByRole('heading', { name: 'Settings' }).waitFor();
  await userPage.getByRole('tab', { name: 'Two-factor authentication' }).click();
  await userPage.getByText(/is on\./).waitFor();
  log('signed in again with password + TOTP code');
}

// Containers and images the run created, in case deleting the app left any behind.
