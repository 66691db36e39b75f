// Bulk actions on a selection in the containers list, as a developer: two running containers are
// selected, stopped together (both rows then read exited), selected again and removed together (both
// rows and both containers gone). Run by run.mjs with the browser; what it makes is removed at the end.
import { join } from 'node:path';
import { artifacts, busyboxImage, checkA11y, confirmDialog, inDockerContext, log, run, signInAs, until, watchCsp } from './lib.mjs';

const LABEL = 'rivetr.e2e=container-bulk';

// Selecting mode stays on after an action, which clears the selection: the boxes are ticked again.
async function selectBoth(page, names) {
  const start = page.getByRole('button', { name: 'Select', exact: true });
  if (await start.isVisible()) await start.click();
  for (const n of names) await page.getByRole('checkbox', { name: `Select ${n}`, exact: true }).check();
  await page.getByRole('group', { name: 'Selected rows' }).getByText(`${names.length} selected`).waitFor();
}

export async function containerBulk(browser, base, work) {
  const stamp = Date.now();
  const prefix = `e2e-bulk-${stamp}`;
  const names = [`${prefix}-a`, `${prefix}-b`];
  const image = await busyboxImage(work, prefix, LABEL);
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await inDockerContext({ context, name: 'container-bulk', stamp, image }, async () => {
    const ids = [];
    for (const n of names) ids.push((await run('docker', ['run', '-d', '--init', '--name', n, '--label', `e2e.run=${stamp}`, image])).stdout.trim());
    const rows = ids.map((id) => `tr[data-container-id="${id}"]`);
    const page = await context.newPage();
    watchCsp(page);
    await signInAs(page, base, `${base}/containers?q=${prefix}`, 'bulk-dev', 'developer');
    for (const r of rows) await page.locator(r).locator('.badge', { hasText: /^running$/ }).waitFor();

    await selectBoth(page, names);
    const bulk = page.getByRole('group', { name: 'Selected rows' });
    await bulk.getByRole('button', { name: 'Stop', exact: true }).click();
    await confirmDialog(page, 'Stop 2 containers');
    for (const r of rows) await page.locator(r).locator('.badge', { hasText: /^exited$/ }).waitFor({ timeout: 60_000 });
    const states = (await run('docker', ['inspect', '-f', '{{.State.Status}}', ...ids])).stdout.trim().split('\n');
    if (states.some((s) => s !== 'exited')) throw new Error(`the engine says ${states.join(', ')} after the bulk stop`);
    await page.screenshot({ path: join(artifacts, '29-containers-bulk-stopped.png'), fullPage: true });
    await checkA11y(page, 'containers: bulk stopped');
    log('containers: two selected containers were stopped together and both read exited');

    await selectBoth(page, names);
    await bulk.getByRole('button', { name: 'Remove', exact: true }).click();
    await confirmDialog(page, 'Remove 2 containers');
    for (const r of rows) await page.locator(r).waitFor({ state: 'detached', timeout: 60_000 });
    await until('the engine to have neither', async () => {
      const left = (await run('docker', ['ps', '-aq', '--filter', `label=e2e.run=${stamp}`])).stdout.trim();
      return { ok: left === '', text: left };
    }, 30_000);
    await page.getByText('No container matches.').waitFor();
    log('containers: the same two were removed together; neither is listed nor on the engine');
  });
}
