// Editing an existing container in the wizard, as a developer: a container made with the docker CLI
// (a user-defined network with an alias, a named volume holding a file, an env var and a label) gets
// one env var and one label changed. After "Recreate container" its detail page shows the new values
// (the inspect document) and the same network alias and mount, and the volume still holds its file.
// Run by run.mjs with the browser; everything it makes is removed at the end.
import { join } from 'node:path';
import { artifacts, busyboxImage, checkA11y, inDockerContext, log, run, signInAs, until, watchCsp } from './lib.mjs';

const LABEL = 'rivetr.e2e=container-edit';  // the image's; the container gets e2e.run for cleanup

async function searchInspect(page, words) {
  await page.getByLabel('Search the inspect document').fill(words);
  return page.getByLabel('Matching settings').textContent();
}

async function expectIn(text, wanted, unwanted, what) {
  if (!text.includes(wanted) || (unwanted && text.includes(unwanted))) throw new Error(`${what}: expected "${wanted}"${unwanted ? ` and no "${unwanted}"` : ''} in:\n${text}`);
}

export async function containerEdit(browser, base, work) {
  const stamp = Date.now();
  const name = `e2e-edit-${stamp}`;
  const net = `e2e-edit-net-${stamp}`;
  const volume = `e2e-edit-vol-${stamp}`;
  const image = await busyboxImage(work, name, LABEL);
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const cleanUp = async () => {
    await run('docker', ['volume', 'rm', volume]).catch(() => undefined);
    await run('docker', ['network', 'rm', net]).catch(() => undefined);
  };
  await inDockerContext({ context, name: 'container-edit', stamp, image, cleanUp }, async () => {
    await run('docker', ['network', 'create', net]);
    const { stdout } = await run('docker', ['run', '-d', '--init', '--name', name, '--label', `e2e.run=${stamp}`, '--label', 'tier=old',
      '--network', net, '--network-alias', 'web-alias', '-v', `${volume}:/data`, '-e', 'COLOR=red', image]);
    const oldId = stdout.trim();
    await run('docker', ['exec', name, 'sh', '-c', 'echo kept-data > /data/f']);

    const page = await context.newPage();
    watchCsp(page);
    await signInAs(page, base, `${base}/containers/${name}`, 'edit-dev', 'developer');
    await page.getByRole('heading', { name: new RegExp(`^${name}`) }).waitFor();
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByRole('heading', { name: `Edit ${name}` }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Value of COLOR').fill('blue');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Value of tier').fill('new');
    // What the edit keeps is on the form, unchanged: the network with its alias, the named volume.
    if ((await page.getByLabel('Aliases on network 1').inputValue()) !== 'web-alias') throw new Error('the wizard lost the network alias');
    if ((await page.getByLabel('Mount source 1').inputValue()) !== volume) throw new Error('the wizard lost the named volume');
    await page.screenshot({ path: join(artifacts, '27-container-edit.png'), fullPage: true });
    await checkA11y(page, 'container wizard: edit');
    await page.getByRole('button', { name: 'Recreate container' }).click();

    await until('the recreated container\'s page', async () => {
      const at = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
      return { ok: page.url().includes('/containers/') && at !== 'new' && at !== oldId, text: page.url() };
    }, 60_000);
    const heading = page.getByRole('heading', { name: new RegExp(`^${name}`) });
    await heading.locator('.badge', { hasText: /^running$/ }).waitFor();
    const summary = page.locator('dl.summary');
    await summary.getByText(`${net} (aliases: web-alias)`).waitFor();
    await summary.getByText(`${volume}:/data`).waitFor();
    await page.getByRole('tab', { name: 'Inspect' }).click();
    await expectIn(await searchInspect(page, 'Config.Env COLOR'), 'COLOR=blue', 'COLOR=red', 'the env var');
    await expectIn(await searchInspect(page, 'Config.Labels tier'), 'Config.Labels.tier = "new"', '"old"', 'the label');
    await expectIn(await searchInspect(page, 'Aliases'), 'web-alias', '', 'the network alias');
    await page.screenshot({ path: join(artifacts, '28-container-edited.png'), fullPage: true });
    await checkA11y(page, 'container detail after an edit');

    const kept = (await run('docker', ['exec', name, 'cat', '/data/f'])).stdout;
    if (kept !== 'kept-data\n') throw new Error(`the named volume's data after the edit: ${JSON.stringify(kept)}`);
    const left = (await run('docker', ['ps', '-aq', '--filter', `label=e2e.run=${stamp}`])).stdout.trim().split('\n').filter(Boolean);
    if (left.length !== 1) throw new Error(`one container after the edit, found ${left.length}`);
    log('containers: an edit changed an env var and a label; the alias, the mount and the volume\'s data were kept');
  });
}
