// End-to-end journey in a real browser (Debian's chromium via playwright-core, no downloaded
// browser) against a real `rivetr serve` with a real dockerd: sign in with a token, create an app
// from a local git repository, deploy and watch the live log reach "running", reach the app
// through the proxy, deploy v2, roll back to v1, and find the rollback in the audit log; then the
// app's other screens (certificate state, runtime logs, restart, env vars, webhook) and a password
// user who turns on TOTP and signs in again with password + code. The whole run is under the
// dashboard's Content-Security-Policy: any violation the browser reports fails it.
// Screenshots of the main pages go to $RIVETR_E2E_ARTIFACTS (default ../build/e2e-artifacts).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  DOMAIN, STEP_MS, TOKEN, a11yChecked, a11yProblems, apiCall, artifacts, browserPath, checkA11y, checkSecurityHeaders,
  commitVersion, confirmDialog, cspViolations, freePort, log, narrow, rivetr, run, until, viaProxy, watchCsp,
} from './lib.mjs';
import { appScreens } from './app_screens.mjs';
import { envRedeploy } from './env_redeploy.mjs';
import { twoFactor } from './two_factor.mjs';
import { failures } from './failures.mjs';
import { webhookDeliveries } from './webhooks.mjs';
import { accounts } from './accounts.mjs';
import { hostsPage } from './hosts.mjs';
import { terminal } from './terminal.mjs';
import { containers } from './containers.mjs';
import { imagesPage } from './images.mjs';
import { containerEdit } from './container_edit.mjs';
import { containerBulk } from './container_bulk.mjs';
import { dockerViewer } from './docker_viewer.mjs';
import { networksPage } from './networks.mjs';
import { volumeFiles } from './volume_files.mjs';
import { volumesPage } from './volumes.mjs';
import { stacks } from './stacks.mjs';
// Each scenario lives in its own file beside this one and is called from main() below.

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'rivetr-e2e-'));
  await mkdir(artifacts, { recursive: true });
  const apiPort = Number(process.env.RIVETR_E2E_API_PORT ?? 0) || await freePort();
  const proxyPort = await freePort();
  const base = `http://127.0.0.1:${apiPort}`;
  const repo = join(work, 'repo');
  await mkdir(repo);
  await run('git', ['init', '-q', '-b', 'main', repo]);
  await commitVersion(repo, 'v1');

  const server = spawn(rivetr, ['serve'], {
    cwd: work,
    env: {
      ...process.env,
      RIVETR_SERVER_API_PORT: String(apiPort),
      RIVETR_SERVER_HOST: '127.0.0.1',
      RIVETR_SERVER_PROXY_PORT: String(proxyPort),
      RIVETR_SERVER_PROXY_HTTPS_PORT: String(await freePort()),
      RIVETR_SERVER_DATA_DIR: join(work, 'data'),
      RIVETR_AUTH_ADMIN_TOKEN: TOKEN,
      RIVETR_GIT_ALLOW_LOCAL_REPOSITORIES: 'true',
      RIVETR_SERVER_BASE_DOMAIN: 'apps.e2e.test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let serverOut = '';
  server.stdout.on('data', (c) => (serverOut += c));
  server.stderr.on('data', (c) => (serverOut += c));
  let browser;
  let page;
  let appId;
  try {
    await until('rivetr serve to answer /health', async () => {
      const r = await fetch(`${base}/health`).catch(() => null);
      return { ok: r?.status === 200 };
    }, 30_000);
    log('rivetr serve is up on', base);

    browser = await chromium.launch({ executablePath: browserPath, headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('dialog', (d) => d.accept());
    watchCsp(page);
    const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

    // Sign in with the admin token.
    // RIVETR_E2E_UI_URL: a dev server (vite preview) proxying to this API, to try the UI before the binary serves it.
    const first = await page.goto((process.env.RIVETR_E2E_UI_URL ?? base) + '/');
    if (!process.env.RIVETR_E2E_UI_URL) checkSecurityHeaders(first.headers());
    await page.getByRole('tab', { name: 'API token' }).click();
    await shot('01-login');
    await checkA11y(page, 'sign-in');
    await page.getByLabel('API token', { exact: true }).fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    log('signed in');
    await page.goto(base + '/no/such/page');
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    await checkA11y(page, 'not found');
    await page.getByRole('link', { name: 'Go to the overview' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();

    // Create the app with the wizard; it deploys right away.
    await page.getByRole('link', { name: 'Apps', exact: true }).click();
    await page.getByRole('link', { name: 'New app' }).click();
    await page.getByLabel('Git repository URL').fill(`file://${repo}`);
    await page.getByLabel('Branch').fill('main');
    await page.getByRole('button', { name: 'Next' }).click();
    // The server fetched the branch: it found the Dockerfile and read its EXPOSE (the form's default is 8080).
    await page.getByText(/^Detected: dockerfile/).waitFor();
    const detected = [await page.getByLabel('Build type').inputValue(), await page.getByLabel('Port the app listens on').inputValue()];
    if (detected.join() !== 'dockerfile,8000') throw new Error(`detection filled in ${detected.join()}, not dockerfile,8000`);
    log('the wizard detected the Dockerfile and its port');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('App name').fill('e2e-app');
    await page.getByLabel('Domain (optional)').fill(DOMAIN);
    await shot('02-new-app');
    await checkA11y(page, 'new app');
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByRole('heading', { name: /e2e-app/ }).waitFor();
    const apps = JSON.parse((await apiCall(base, 'GET', '/api/apps')).body);
    appId = apps.find((a) => a.name === 'e2e-app')?.id;
    log('app created', appId);

    // The live build log streams in and the deployment reaches running.
    const logBox = page.getByRole('log', { name: /Build log of deployment/ });
    await logBox.locator('.log-line').first().waitFor({ timeout: STEP_MS });
    await page.locator('.timeline li').first().locator('.badge', { hasText: 'running' }).waitFor({ timeout: STEP_MS });
    await page.getByTestId('stream-state').filter({ hasText: /^closed$/ }).waitFor({ timeout: 30_000 });
    await shot('03-app-deployed');
    await checkA11y(page, 'app detail');
    log('v1 running; log lines:', await logBox.locator('.log-line').count());
    await until('the proxy to serve v1', async () => {
      const r = await viaProxy(proxyPort);
      return { ok: r.status === 200 && r.body.includes('version=v1'), ...r };
    }, 60_000);
    log('proxy serves v1');

    // Deploy v2 from the app page.
    await commitVersion(repo, 'v2');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.getByText(/Deployment .* started/).waitFor();
    await page.locator('.timeline li').nth(0).locator('.badge', { hasText: 'running' }).waitFor({ timeout: STEP_MS });
    await until('the proxy to serve v2', async () => {
      const r = await viaProxy(proxyPort);
      return { ok: r.body.includes('version=v2'), ...r };
    }, 60_000);
    log('proxy serves v2');

    // Roll back to v1 (the older deployment in the timeline).
    await page.locator('.timeline li').nth(1).getByRole('button', { name: 'Roll back to this' }).click();
    await confirmDialog(page, 'Roll back');
    await page.getByText('Rollback started').waitFor();
    await page.locator('.timeline li').nth(0).locator('.badge', { hasText: 'running' }).waitFor({ timeout: STEP_MS });
    await until('the proxy to serve v1 again', async () => {
      const r = await viaProxy(proxyPort);
      return { ok: r.body.includes('version=v1'), ...r };
    }, 60_000);
    await shot('04-rolled-back');
    log('rolled back: proxy serves v1');

    await appScreens(page, base, proxyPort, appId, shot);
    await envRedeploy(page, proxyPort, shot);
    await webhookDeliveries(page, base, appId, repo, shot);
    await hostsPage(page, base, shot);
    await imagesPage(page, base, work, shot);
    await networksPage(page, base, work, shot);
    await volumeFiles(page, base, work, shot);
    await volumesPage(page, base, work, shot);

    // The other pages, and the rollback in the audit log. Overview and Apps ask for every app's
    // status in one request (latest_per_app), not one deployments list per app.
    const asked = [];
    const noteRequest = (r) => asked.push(new URL(r.url()).pathname + new URL(r.url()).search);
    page.on('request', noteRequest);
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Recent deployments' }).waitFor();
    await page.locator('li', { hasText: 'e2e-app' }).locator('.badge', { hasText: 'running' }).waitFor();
    await page.locator('.host').getByText('Memory').waitFor(); // GET /api/system answered
    await shot('05-overview');
    await checkA11y(page, 'overview');
    await page.getByRole('link', { name: 'Apps', exact: true }).click();
    await page.getByRole('link', { name: 'e2e-app' }).waitFor();
    await shot('06-apps');
    await checkA11y(page, 'apps');
    page.off('request', noteRequest);
    const perApp = asked.filter((u) => /^\/api\/apps\/[^/]+\/deployments/.test(u));
    if (perApp.length || asked.filter((u) => u === '/api/deployments?latest_per_app=1').length !== 2) {
      throw new Error(`Overview + Apps requests: ${asked.join(', ')}`);
    }
    await narrow(page, `${base}/apps`, 'apps', () => page.getByRole('link', { name: 'e2e-app' }).waitFor(), ['Select', { link: 'New app' }]);
    await narrow(page, `${base}/apps/e2e-app`, 'app-detail', () => page.getByRole('heading', { name: /e2e-app/ }).waitFor(),
      ['Deploy', 'Restart', 'Stop', 'Delete']);
    // Keyboard: `g a` goes to the apps, `/` puts the cursor in their search box.
    await page.getByRole('heading', { name: /e2e-app/ }).waitFor();
    await page.keyboard.press('g');
    await page.keyboard.press('a');
    await page.getByRole('heading', { name: 'Apps', exact: true }).waitFor();
    await page.keyboard.press('/');
    if (!(await page.getByRole('searchbox').evaluate((el) => el === document.activeElement))) throw new Error('`/` did not focus the search box');
    log('shortcuts: g a opens the apps, / focuses the search');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.getByRole('table', { name: 'Audit log' }).getByText('deployment.rollback').waitFor();
    await shot('07-audit');
    await checkA11y(page, 'settings: audit log');
    log('audit log shows deployment.rollback');

    // A user signs in with a password (session cookie) and makes a change: the CSRF header works.
    const created = await fetch(`${base}/api/users`, {
      method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password: 'correct horse battery staple', role: 'admin' }),
    });
    if (created.status !== 201) throw new Error(`creating a user: ${created.status} ${await created.text()}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const userPage = await context.newPage();
    watchCsp(userPage);
    await userPage.goto(base + '/settings?tab=tokens');
    await userPage.getByLabel('Username', { exact: true }).fill('ada');
    await userPage.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
    await userPage.getByRole('button', { name: 'Sign in' }).click();
    await userPage.getByRole('heading', { name: 'Settings' }).waitFor();
    await userPage.getByLabel('Name', { exact: true }).fill('ci-token');
    await userPage.getByRole('button', { name: 'Create token' }).click();
    await userPage.getByText(/copy it now/).waitFor();
    // The token table names who minted each token: ada's new one is hers.
    await userPage.getByRole('row').filter({ hasText: 'ci-token' }).getByRole('cell', { name: 'ada', exact: true }).waitFor();
    await userPage.screenshot({ path: join(artifacts, '08-settings-tokens.png'), fullPage: true });
    await checkA11y(userPage, 'settings: tokens');
    log('password sign-in and a cookie-session change (CSRF) work');
    await twoFactor(userPage);
    await context.close();

    // ada lost her phone: the admin resets her second factor from the users table (the dialog is accepted).
    await page.getByRole('tab', { name: 'Users and roles' }).click();
    await page.getByRole('button', { name: 'Reset two-factor of ada' }).click();
    await checkA11y(page, 'confirm dialog');
    await confirmDialog(page, 'Reset two-factor');
    await until('ada\'s two-factor to read off', async () => {
      const row = page.getByRole('row').filter({ hasText: 'ada' });
      const text = await row.getByRole('cell').nth(2).textContent();
      return { ok: text === 'off', text };
    });
    const relogin = await fetch(`${base}/api/auth/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password: 'correct horse battery staple' }),
    });
    if (relogin.status !== 200) throw new Error(`password-only sign-in after the reset: ${relogin.status} ${await relogin.text()}`);
    log('the admin reset a lost second factor; the password alone signs in again');
    await failures(page, base, proxyPort, work, removeLeftovers);
    await accounts(browser, base, 'e2e-app');
    await terminal(browser, base, work);
    await containers(browser, base, work);
    await containerEdit(browser, base, work);
    await containerBulk(browser, base, work);
    await dockerViewer(browser, base, work);
    await stacks(browser, base, work);
    if (cspViolations.length) throw new Error(`the dashboard broke its Content-Security-Policy:\n${cspViolations.join('\n')}`);
    log('no Content-Security-Policy violation in the whole run');
    if (a11yProblems.length) throw new Error(`axe-core found serious or critical violations:\n${a11yProblems.join('\n')}`);
    log(`axe-core: no serious or critical violation on ${a11yChecked.length} pages (${a11yChecked.join('; ')})`);
    console.log('e2e: 1 passed, 0 failed');
  } catch (e) {
    if (page) await page.screenshot({ path: join(artifacts, 'failure.png'), fullPage: true }).catch(() => undefined);
    console.error('e2e failed:', e);
    console.error('--- rivetr serve output (last 6000 chars) ---\n' + serverOut.slice(-6000));
    process.exitCode = 1;
  } finally {
    await browser?.close().catch(() => undefined);
    if (appId) await apiCall(base, 'DELETE', `/api/apps/${appId}`).catch(() => undefined);
    server.kill('SIGTERM');
    await new Promise((r) => { const t = setTimeout(() => { server.kill('SIGKILL'); r(); }, 15000); server.on('exit', () => { clearTimeout(t); r(); }); });
    if (appId) await removeLeftovers(appId);
    await rm(work, { recursive: true, force: true });
  }
}

// The app page's other screens, on the live v1: certificate state beside the domain, the live
// container's output, restart (its real result, still served afterwards), a secret env var that
// stays masked after a reload, and the webhook URL and secret.

async function removeLeftovers(appId) {
  const filter = `label=rivetr.app=${appId}`;
  const ids = (cmd) => run('docker', [...cmd, '--filter', filter]).then((r) => r.stdout.split('\n').filter(Boolean), () => []);
  const containers = await ids(['ps', '-aq']);
  if (containers.length) await run('docker', ['rm', '-f', ...containers]).catch(() => undefined);
  const images = await ids(['images', '-q']);
  if (images.length) await run('docker', ['rmi', '-f', ...new Set(images)]).catch(() => undefined);
}

await main();
