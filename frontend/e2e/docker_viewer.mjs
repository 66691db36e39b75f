// A viewer on the Docker manager's pages: the Containers list and a container's page show the
// container with no action to take (no Select, no New container, no Stop or Remove), the Images page
// lists its image with Remove, Pull and Preview prune disabled, and the same viewer's session calling
// the API directly (with its CSRF token) is refused 403 for the role and changes nothing.
// Run by run.mjs with the browser; what it makes is removed at the end.
import { join } from 'node:path';
import { artifacts, busyboxImage, checkA11y, inDockerContext, log, run, signInAs, watchCsp } from './lib.mjs';

const LABEL = 'rivetr.e2e=docker-viewer';

// A request from the page itself: the viewer's cookie session and CSRF token, as the dashboard sends them.
function asViewer(page, method, path) {
  return page.evaluate(async ([m, p]) => {
    const me = await (await fetch('/api/auth/me')).json();
    const r = await fetch(p, { method: m, headers: { 'X-CSRF-Token': me.csrf_token ?? '', 'Content-Type': 'application/json' }, body: m === 'GET' ? undefined : '{}' });
    return { status: r.status, body: await r.text() };
  }, [method, path]);
}

async function expectRefused(page, method, path) {
  const r = await asViewer(page, method, path);
  if (r.status !== 403 || !r.body.includes('this needs the developer role')) throw new Error(`${method} ${path} as a viewer: ${r.status} ${r.body}`);
}

async function expectDisabled(locator, what) {
  await locator.waitFor();
  if (!(await locator.isDisabled())) throw new Error(`a viewer can use ${what}`);
}

export async function dockerViewer(browser, base, work) {
  const stamp = Date.now();
  const name = `e2e-viewer-${stamp}`;
  const image = await busyboxImage(work, name, LABEL);
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await inDockerContext({ context, name: 'docker-viewer', stamp, image }, async () => {
    const id = (await run('docker', ['run', '-d', '--init', '--name', name, '--label', `e2e.run=${stamp}`, image])).stdout.trim();
    const page = await context.newPage();
    watchCsp(page);
    await signInAs(page, base, `${base}/containers?q=${name}`, 'docker-viewer', 'viewer');
    await page.locator(`tr[data-container-id="${id}"]`).locator('.badge', { hasText: /^running$/ }).waitFor();
    await page.getByText('viewers read only').waitFor();
    for (const [what, control] of [['Select', page.getByRole('button', { name: 'Select', exact: true })],
      ['New container', page.getByRole('link', { name: 'New container' })]]) {
      if (await control.count()) throw new Error(`a viewer is offered ${what} on the containers list`);
    }
    await page.screenshot({ path: join(artifacts, '30-containers-viewer.png'), fullPage: true });
    await checkA11y(page, 'containers as viewer');

    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(`^${name}`) }).waitFor();
    await page.getByText('Viewers read only.').waitFor();
    for (const b of ['Stop', 'Remove', 'Kill', 'Restart']) {
      if (await page.getByRole('button', { name: b, exact: true }).count()) throw new Error(`a viewer is offered ${b} on a container`);
    }
    if (await page.getByRole('link', { name: 'Edit', exact: true }).count()) throw new Error('a viewer is offered Edit');
    log('docker viewer: the containers list and a container\'s page offer a viewer no action');

    await page.getByRole('link', { name: 'Images', exact: true }).click();
    await page.getByRole('heading', { name: 'Images', exact: true }).waitFor();
    await page.getByLabel('Search', { exact: true }).fill(name);
    const row = page.getByRole('row').filter({ hasText: `${name}:e2e` });
    await row.waitFor();
    await expectDisabled(row.getByRole('button', { name: `Remove ${name}:e2e` }), 'Remove on an image');
    await page.getByRole('form', { name: 'Pull an image' }).getByLabel('Image').fill('busybox:latest');
    await expectDisabled(page.getByRole('button', { name: 'Pull', exact: true }), 'Pull');
    await expectDisabled(page.getByRole('button', { name: 'Preview prune' }), 'Preview prune');
    await page.screenshot({ path: join(artifacts, '31-images-viewer.png'), fullPage: true });
    await checkA11y(page, 'images as viewer');
    log('docker viewer: the images list shows the image; Remove, Pull and Preview prune are disabled');

    await expectRefused(page, 'POST', `/api/containers/${name}/stop`);
    await expectRefused(page, 'DELETE', `/api/containers/${name}?force=true`);
    await expectRefused(page, 'POST', '/api/containers/bulk');
    await expectRefused(page, 'DELETE', `/api/images/${encodeURIComponent(`${name}:e2e`)}?force=true`);
    await expectRefused(page, 'POST', '/api/images/prune');
    const list = await asViewer(page, 'GET', `/api/containers?all=true`);
    if (list.status !== 200 || !list.body.includes(id)) throw new Error(`GET /api/containers as a viewer: ${list.status}`);
    const state = (await run('docker', ['inspect', '-f', '{{.State.Status}}', id])).stdout.trim();
    if (state !== 'running') throw new Error(`the viewer's refused calls changed the container: ${state}`);
    await run('docker', ['image', 'inspect', image]);
    log('docker viewer: the viewer\'s own session calling the API directly is refused 403 and nothing changed');
  });
}
