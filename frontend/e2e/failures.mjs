// Failures as a user meets them, run by run.mjs after the main journey: a second app created with the
// wizard (which stops at a branch it cannot read, and whose name pattern Chromium accepts) with NO
// domain and a health check path the app does not serve (a wrong port cannot be staged: the container
// is given PORT and the test server obeys it). Its first deploy fails its health check: Overview counts
// it as failing, the Apps "failed" filter lists it, and one click shows the server's explanation. With
// the path fixed it is reached through the proxy at the URL generated from [server] base_domain, shown as a
// link on its page; broken again, the deploy is rolled back: "running · last deploy failed" in red.
// The app page is photographed in that state at 1280 and 375 px, light and dark.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { STEP_MS, apiCall, artifacts, checkA11y, commitVersion, log, narrow, run, until, viaProxy } from './lib.mjs';

const NAME = 'e2e-broken';

export async function failures(page, base, proxyPort, work, removeLeftovers) {
  const repo = join(work, 'broken');
  await mkdir(repo);
  await run('git', ['init', '-q', '-b', 'main', repo]);
  await commitVersion(repo, 'b1');
  let appId;
  try {
    appId = await createWithWizard(page, base, repo);
    await settings(page, { Path: '/healthz', Retries: '3' }); // a failure in ~3 s, not 30
    await deploy(page, 'failed');
    await explained(page, /GET \/healthz answered 404: the app has no page at \/healthz — set the app's health check path/);
    await page.getByRole('heading', { name: NAME }).locator('.badge.bad', { hasText: /^failed$/ }).waitFor();
    log('a failed first deploy: the app page says failed and why');
    await seenFromOverviewAndApps(page, 'failed', 'first-deploy-failed');

    // Fixed, it is reachable at its generated URL, which its page shows as a link.
    await settings(page, { Path: '/health' });
    await deploy(page, 'running');
    const app = JSON.parse((await apiCall(base, 'GET', `/api/apps/${appId}`)).body);
    if (!app.generated_domain || !app.domains.includes(app.generated_domain)) throw new Error(`no generated domain: ${JSON.stringify(app)}`);
    const url = `http://${app.generated_domain}:${proxyPort}`;
    const link = page.getByRole('link', { name: `Open ${NAME} at ${url}` });
    if ((await link.getAttribute('href')) !== url) throw new Error(`the app page links ${await link.getAttribute('href')}, not ${url}`);
    await until(`the proxy to serve ${NAME} at ${app.generated_domain}`, async () => {
      const r = await viaProxy(proxyPort, '/', app.generated_domain);
      return { ok: r.status === 200 && r.body.includes('version=b1'), ...r };
    }, 60_000);
    if (await page.getByRole('group', { name: 'Last deployment failed' }).count()) throw new Error('the failure note outlived a good deploy');
    log(`an app created without a domain serves at its generated URL ${url}, linked on its page`);

    // Broken again: the new version fails its check and the live one keeps serving.
    await settings(page, { Path: '/healthz' });
    await deploy(page, 'rolled back');
    const newest = page.locator('.timeline li').first().locator('.badge', { hasText: 'rolled back' });
    if (!(await newest.getAttribute('class')).includes('bad')) throw new Error(`a rolled back deployment is styled ${await newest.getAttribute('class')}`);
    await explained(page, /the previous version keeps serving/);
    await page.getByRole('heading', { name: NAME }).getByRole('link', { name: 'running · last deploy failed' }).waitFor();
    const still = await viaProxy(proxyPort, '/', app.generated_domain);
    if (still.status !== 200) throw new Error(`the live version stopped serving after a rolled back deploy: ${still.status}`);
    await checkA11y(page, 'app with a failed last deploy');
    log('a rolled back deploy: "running · last deploy failed" in red, the live version still serves');
    await seenFromOverviewAndApps(page, 'running · last deploy failed', 'rolled-back');
    await photograph(page, `${base}/apps/${NAME}`);
  } finally {
    if (appId) {
      await apiCall(base, 'DELETE', `/api/apps/${appId}`).catch(() => undefined);
      await removeLeftovers(appId);
    }
  }
}

// The wizard stops at a branch it cannot read; Chromium compiles the name's pattern and checks it.
async function createWithWizard(page, base, repo) {
  const invalidPattern = [];
  const onConsole = (m) => { if (/pattern attribute/i.test(m.text())) invalidPattern.push(m.text()); };
  page.on('console', onConsole);
  await page.getByRole('link', { name: 'Apps', exact: true }).click();
  await page.getByRole('link', { name: 'New app' }).click();
  await page.getByLabel('Git repository URL').fill(`file://${repo}`);
  await page.getByLabel('Branch').fill('no-such-branch');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('alert').filter({ hasText: /^Detection failed: / }).waitFor();
  await page.getByText('Step 1 of 3: Repository').waitFor();
  if ((await page.getByLabel('Branch').getAttribute('aria-invalid')) !== 'true') throw new Error('the branch field is not marked as the one to fix');
  log('the wizard stops at a branch it cannot read');
  await page.getByLabel('Branch').fill('main');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText(/^Detected: dockerfile/).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  const name = page.getByLabel('App name');
  for (const [value, valid] of [['-broken', false], ['broken-', false], [NAME, true]]) {
    await name.fill(value);
    if ((await name.evaluate((el) => !el.validity.patternMismatch)) !== valid) throw new Error(`Chromium's pattern check of ${value}: not ${valid ? 'valid' : 'invalid'}`);
  }
  page.off('console', onConsole);
  if (invalidPattern.length) throw new Error(`Chromium rejected a pattern attribute: ${invalidPattern.join('; ')}`);
  log("Chromium checks the app name's pattern (no console complaint)");
  await page.getByLabel('Deploy right away').uncheck();
  await page.getByRole('button', { name: 'Create app' }).click();
  await page.getByRole('heading', { name: NAME }).waitFor();
  const apps = JSON.parse((await apiCall(base, 'GET', '/api/apps')).body);
  return apps.find((a) => a.name === NAME).id;
}

async function settings(page, fields) {
  await page.getByRole('tab', { name: 'Settings' }).click();
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText(/^Saved\. Changes apply/).first().waitFor();
  await page.getByRole('tab', { name: 'Deployments' }).click();
}

async function deploy(page, outcome) {
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await page.getByText(/Deployment .* started/).first().waitFor();
  await page.locator('.timeline li').first().locator('.badge', { hasText: new RegExp(`^${outcome}$`) }).waitFor({ timeout: STEP_MS });
}

// The app page explains its failed last deploy with the server's words.
async function explained(page, text) {
  await page.getByRole('group', { name: 'Last deployment failed' }).getByText(text).waitFor();
}

// Overview counts the app as failing; that count opens the Apps "failed" filter, which lists only
// it; its badge there opens its page with the failed deployment and its explanation.
async function seenFromOverviewAndApps(page, badge, shotName) {
  await page.getByRole('link', { name: 'Overview' }).click();
  await page.locator('li', { hasText: NAME }).getByRole('link', { name: badge, exact: true }).waitFor();
  await page.screenshot({ path: join(artifacts, `overview-${shotName}.png`), fullPage: true });
  await page.getByRole('link', { name: '1 failing' }).click();
  await page.getByRole('heading', { name: 'Apps', exact: true }).waitFor();
  const filter = await page.locator('.filters select option:checked').textContent();
  if (filter !== 'failed (1)') throw new Error(`the failing count opened the filter ${filter}, not "failed (1)"`);
  const rows = page.locator('tbody tr');
  await rows.filter({ hasText: NAME }).waitFor();
  const names = await rows.locator('td.col-name').allTextContents();
  if (names.join() !== NAME) throw new Error(`the failed filter lists ${names.join(', ')}`);
  await page.screenshot({ path: join(artifacts, `apps-failed-filter-${shotName}.png`), fullPage: true });
  await rows.getByRole('link', { name: badge, exact: true }).click();
  await page.getByRole('heading', { name: NAME }).waitFor();
  await page.getByRole('group', { name: 'Last deployment failed' }).locator('.failure-error').waitFor();
  if (!/[?&]deployment=/.test(page.url())) throw new Error(`the badge opened ${page.url()}, not the failed deployment`);
  log(`Overview counts ${NAME} as failing, the Apps failed filter lists it, its badge ("${badge}") opens the explanation`);
}

// The app page at 1280 and 375 px, light and dark; at 375 px nothing scrolls sideways.
async function photograph(page, url) {
  for (const theme of ['light', 'dark']) {
    await page.goto(url);
    await page.getByLabel('Theme').selectOption(theme);
    await page.getByRole('group', { name: 'Last deployment failed' }).waitFor();
    await page.screenshot({ path: join(artifacts, `1280-app-page-${theme}.png`), fullPage: true });
    await narrow(page, url, `app-page-${theme}`, () => page.getByRole('group', { name: 'Last deployment failed' }).waitFor(),
      ['Deploy', 'Restart', 'Stop', 'Delete']);
  }
  await page.getByLabel('Theme').selectOption('system');
  log(`app page screenshots: 1280-app-page-{light,dark}.png, 375-app-page-{light,dark}.png in ${artifacts}`);
}
