// End-to-end journey in a real browser (Debian's chromium via playwright-core, no downloaded
// browser) against a real `rivetr serve` with a real dockerd: sign in with a token, create an app
// from a local git repository, deploy and watch the live log reach "running", reach the app
// through the proxy, deploy v2, roll back to v1, and find the rollback in the audit log; then the
// app's other screens (certificate state, runtime logs, restart, env vars, webhook) and a password
// user who turns on TOTP and signs in again with password + code. The whole run is under the
// dashboard's Content-Security-Policy: any violation the browser reports fails it.
// Screenshots of the main pages go to $RIVETR_E2E_ARTIFACTS (default ../build/e2e-artifacts).
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createHmac } from 'node:crypto';
import { chromium } from 'playwright-core';

const run = promisify(execFile);
const here = new URL('.', import.meta.url).pathname;
const rivetr = process.env.RIVETR_BINARY ?? resolve(here, '../../build/cli/rivetr');
const testserver = process.env.RIVETR_TESTSERVER ?? resolve(here, '../../build/tests/fixtures/rivetr_testserver');
const artifacts = process.env.RIVETR_E2E_ARTIFACTS ?? resolve(here, '../../build/e2e-artifacts');
const browserPath = process.env.RIVETR_CHROMIUM ?? '/usr/bin/chromium';
const TOKEN = 'rvt_e2e_admin_token_0123456789abcdef';
const DOMAIN = 'e2e-dashboard.test';
const STEP_MS = 180_000;

const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
    s.on('error', rej);
  });
}

async function git(dir, ...args) {
  await run('git', ['-C', dir, '-c', 'user.name=e2e', '-c', 'user.email=e2e@example.test', ...args]);
}

// A repository whose Dockerfile builds FROM scratch around the static test server.
async function commitVersion(repo, version) {
  await copyFile(testserver, join(repo, 'testserver'));
  await chmod(join(repo, 'testserver'), 0o755);
  await writeFile(join(repo, 'Dockerfile'),
    `FROM scratch\nCOPY testserver /testserver\nENV PORT="8000"\nENV TESTSERVER_VERSION="${version}"\nEXPOSE 8000\nENTRYPOINT ["/testserver"]\n`);
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-q', '-m', `version ${version}`);
}

function viaProxy(port, path = '/') {
  return new Promise((res) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: DOMAIN }, timeout: 5000 }, (r) => {
      let body = '';
      r.on('data', (c) => (body += c));
      r.on('end', () => res({ status: r.statusCode, body }));
    });
    req.on('error', (e) => res({ status: 0, body: String(e) }));
    req.end();
  });
}

async function until(what, fn, ms = STEP_MS) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last.ok) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

// RFC 6238 TOTP (HMAC-SHA1, 30 s step, 6 digits) of a base32 secret, as an authenticator app computes it.
function totp(secretBase32, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const at = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
const totpStep = () => Math.floor(Date.now() / 30_000);

// What the browser reports when the page breaks its Content-Security-Policy (a blocked script,
// style, image or connection), from every page of the run.
const cspViolations = [];
function watchCsp(p) {
  p.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
}

// axe-core on every page the run visits: serious or critical violations fail the run at the end.
// It is evaluated through the devtools protocol, which the page's CSP does not apply to.
const axeSource = await readFile(resolve(here, '../node_modules/axe-core/axe.min.js'), 'utf8');
const a11yProblems = [];
const a11yChecked = [];
async function checkA11y(p, name) {
  await p.waitForLoadState('domcontentloaded');
  if (!(await p.evaluate(() => typeof window.axe !== 'undefined'))) await p.evaluate(axeSource);
  const violations = await p.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  a11yChecked.push(name);
  for (const v of violations) a11yProblems.push(`${name}: ${v}`);
}

// At 375 px wide (a phone) the page must not scroll sideways and the named actions (buttons, or
// { link }) must be on screen.
async function narrow(p, url, name, ready, buttons) {
  await p.setViewportSize({ width: 375, height: 812 });
  await p.goto(url);
  await ready();
  const { scroll, client } = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  if (scroll > client) throw new Error(`${name} at 375 px scrolls sideways: ${scroll} px of content in ${client} px`);
  const names = buttons.map((b) => (typeof b === 'string' ? b : b.link));
  for (const b of buttons) {
    const [role, label] = typeof b === 'string' ? ['button', b] : ['link', b.link];
    const box = await p.getByRole(role, { name: label, exact: true }).boundingBox();
    if (!box || box.x < 0 || box.x + box.width > client) throw new Error(`${name} at 375 px: the ${label} ${role} is off screen (${JSON.stringify(box)})`);
  }
  const file = join(artifacts, `375-${name}.png`);
  await p.screenshot({ path: file, fullPage: true });
  await checkA11y(p, `${name} (375 px)`);
  log(`${name} at 375 px: no sideways scroll, ${names.join(', ')} on screen; screenshot ${file}`);
  await p.setViewportSize({ width: 1280, height: 860 });
}

// The dashboard's page must not run foreign or inline scripts, be framed, or be sniffed as another type.
function checkSecurityHeaders(headers) {
  const csp = headers['content-security-policy'] ?? '';
  for (const directive of ["script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]) {
    if (!csp.includes(directive)) throw new Error(`the dashboard's CSP lacks ${directive}: ${JSON.stringify(csp)}`);
  }
  if (headers['x-frame-options'] !== 'DENY') throw new Error(`X-Frame-Options: ${headers['x-frame-options']}`);
  if (headers['x-content-type-options'] !== 'nosniff') throw new Error(`X-Content-Type-Options: ${headers['x-content-type-options']}`);
  log('the dashboard is served with its CSP, X-Frame-Options and nosniff');
}

// The dashboard asks before destroying or interrupting anything, in its own dialog naming what goes.
async function confirmDialog(page, button) {
  await page.getByRole('alertdialog').getByRole('button', { name: button, exact: true }).click();
}

async function apiCall(base, method, path) {
  const r = await fetch(base + path, { method, headers: { Authorization: `Bearer ${TOKEN}` } });
  return { status: r.status, body: await r.text() };
}

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
async function appScreens(page, base, proxyPort, appId, shot) {
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
async function twoFactor(userPage) {
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
async function removeLeftovers(appId) {
  const filter = `label=rivetr.app=${appId}`;
  const ids = (cmd) => run('docker', [...cmd, '--filter', filter]).then((r) => r.stdout.split('\n').filter(Boolean), () => []);
  const containers = await ids(['ps', '-aq']);
  if (containers.length) await run('docker', ['rm', '-f', ...containers]).catch(() => undefined);
  const images = await ids(['images', '-q']);
  if (images.length) await run('docker', ['rmi', '-f', ...new Set(images)]).catch(() => undefined);
}

await main();
