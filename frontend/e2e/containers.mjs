// The Docker manager's container pages, as an admin signed in with a password: create a busybox
// container with the 3-step wizard (a step with an error does not advance), read a line it printed
// in its logs, stop it (exited), clone it, start the clone and run `echo` in a terminal on it,
// remove both, and find neither in the list. Run by run.mjs with the browser.
import { join } from 'node:path';
import { artifacts, busyboxImage, checkA11y, confirmDialog, log, narrow, run, runInTerminal, signInAs, until, watchCsp } from './lib.mjs';

const LABEL = 'rivetr.e2e=containers';  // the image's; the manager blanks rivetr.* labels on the containers it creates

async function shot(page, name, a11y) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  await checkA11y(page, a11y);
}

async function createWithWizard(page, image, name, runLabel) {
  await page.getByRole('link', { name: 'New container' }).click();
  await page.getByRole('heading', { name: 'New container' }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText(/the image is required/).waitFor();  // step 1 keeps its error and does not advance
  await page.getByLabel('Image', { exact: true }).fill(image);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await shot(page, '21-container-wizard-image', 'container wizard: image');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Command', { exact: true }).fill(`sh -c 'echo "$GREETING from the wizard"; exec sleep 3600'`);
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByLabel('Key 1').fill('GREETING');
  await page.getByLabel('Value of GREETING').fill('hello-e2e');
  await shot(page, '22-container-wizard-config', 'container wizard: configuration');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Add label' }).click();
  const [key, value] = runLabel.split('=');
  await page.getByLabel('Key 1').fill(key);
  await page.getByLabel(`Value of ${key}`).fill(value);
  await page.getByLabel('Memory limit').fill('64m');
  await shot(page, '23-container-wizard-advanced', 'container wizard: advanced');
  await page.getByRole('button', { name: 'Create container' }).click();
  await page.getByRole('heading', { name: new RegExp(`^${name}`) }).waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
}

async function stateIs(page, name, state) {
  await page.getByRole('heading', { name: new RegExp(`^${name}`) }).locator('.badge', { hasText: new RegExp(`^${state}$`) }).waitFor();
}

async function remove(page, base, id, name) {
  await page.goto(`${base}/containers/${id}`);
  await page.getByRole('heading', { name: new RegExp(`^${name}`) }).waitFor();
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await confirmDialog(page, `Remove ${name}`);
  await page.getByRole('heading', { name: 'Containers', exact: true }).waitFor();
}

export async function containers(browser, base, work) {
  const stamp = Date.now();
  const image = await busyboxImage(work, `rivetr-e2e-containers-${stamp}`, LABEL);
  const name = `e2e-wizard-${stamp}`;
  const runLabel = `e2e.run=${stamp}`;  // set in the wizard; the clone copies it
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  let page;
  try {
    page = await context.newPage();
    watchCsp(page);
    await signInAs(page, base, `${base}/containers`, 'ctr-admin', 'admin');
    await page.getByRole('heading', { name: 'Containers', exact: true }).waitFor();
    const id = await createWithWizard(page, image, name, runLabel);
    log(`containers: the wizard created ${name}`);

    await page.getByRole('log').getByText('hello-e2e from the wizard').waitFor();
    await stateIs(page, name, 'running');
    await shot(page, '24-container-detail', 'container detail');
    await narrow(page, page.url(), 'container-detail', () => page.getByRole('log').getByText('hello-e2e from the wizard').waitFor(), ['Stop', 'Remove']);
    log('containers: its logs show the line it printed');

    await page.getByLabel('Grace (s)').fill('1');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await confirmDialog(page, `Stop ${name}`);
    await stateIs(page, name, 'exited');
    log('containers: stopped, its state reads exited');

    await page.getByLabel('Clone as').fill(`${name}-clone`);
    await page.getByRole('button', { name: 'Clone', exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(`^${name}-clone`) }).waitFor();
    const cloneId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await stateIs(page, `${name}-clone`, 'running');
    await page.getByRole('link', { name: 'Open terminal' }).click();
    await page.getByRole('heading', { name: /^Terminal:/ }).waitFor();
    await runInTerminal(page, "echo clo''ne-says-hi", 'clone-says-hi');
    await shot(page, '25-container-clone-terminal', 'container terminal');
    log('containers: the clone started and `echo` ran in its terminal');

    await remove(page, base, cloneId, `${name}-clone`);
    await remove(page, base, id, name);
    await page.getByTestId('containers-count').waitFor();
    await until('both containers to leave the list', async () => {
      const left = await page.locator(`tr[data-container-id="${id}"], tr[data-container-id="${cloneId}"]`).count();
      const engine = (await run('docker', ['ps', '-aq', '--filter', `label=${runLabel}`])).stdout.trim();
      return { ok: left === 0 && engine === '', text: `${left} rows, engine: ${engine}` };
    }, 30_000);
    await page.getByLabel('Search', { exact: true }).fill(name);
    await page.getByText('No container matches.').waitFor();
    await page.getByLabel('Search', { exact: true }).fill('');
    await shot(page, '26-containers', 'containers');
    await narrow(page, `${base}/containers`, 'containers', () => page.getByTestId('containers-count').waitFor(), ['Select', { link: 'New container' }]);
    log('containers: both removed, neither is in the list');
  } catch (e) {
    await page?.screenshot({ path: join(artifacts, 'containers-failure.png'), fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await context.close();
    const { stdout } = await run('docker', ['ps', '-aq', '--filter', `label=${runLabel}`]).catch(() => ({ stdout: '' }));
    const left = stdout.split('\n').filter(Boolean);
    if (left.length) await run('docker', ['rm', '-f', ...left]).catch(() => undefined);
    await run('docker', ['rmi', '-f', image]).catch(() => undefined);
  }
}
