// The Volumes pages: a volume created with the form is listed; a container that mounts it makes Remove
// refused with the server's message naming that container (the volume stays); once the container is gone
// Remove deletes it. Run by run.mjs with the admin's page; everything it creates is removed at the end.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkA11y, confirmDialog, log, run } from './lib.mjs';

const volumeGone = (name) => run('docker', ['volume', 'inspect', name]).then(() => false, () => true);

export async function volumesPage(page, base, work, shot) {
  const runId = `e2e-${Date.now()}`;
  const name = `rivetr-e2e-vol-${runId}`;
  const container = `rivetr-e2e-vol-user-${runId}`;
  const image = `rivetr-e2e-volumes:${runId}`;
  try {
    const dir = join(work, 'volumes-image');
    await mkdir(dir, { recursive: true });
    await copyFile('/bin/busybox', join(dir, 'busybox'));
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\n');
    await run('docker', ['build', '-q', '--label', `rivetr.e2e.volumes=${runId}`, '-t', image, dir]);

    await page.getByRole('link', { name: 'Volumes', exact: true }).click();
    await page.getByRole('heading', { name: 'Volumes', exact: true }).waitFor();
    const form = page.getByRole('form', { name: /^Create a volume/ });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByRole('button', { name: 'Create volume' }).click();
    await page.getByLabel('Search', { exact: true }).fill(runId);
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    await shot('31-volumes-created');
    await checkA11y(page, 'volumes: list');
    log(`volumes: ${name} created with the form and listed`);

    await run('docker', ['create', '--label', `rivetr.e2e.volumes=${runId}`, '--name', container, '-v', `${name}:/data`, image, '/bin/busybox', 'true']);
    await page.reload();
    await row.getByText(container).waitFor();
    await row.getByRole('link', { name }).click();
    await page.getByRole('heading', { name }).waitFor();
    await page.getByRole('table', { name: 'Containers that mount it' }).getByText('/data').waitFor();
    if ((await page.getByRole('link', { name: 'Browse files' }).getAttribute('href')) !== `/volumes/${name}/files`) throw new Error('Browse files points elsewhere');
    await page.getByRole('button', { name: `Remove volume ${name}` }).click();
    await confirmDialog(page, 'Remove volume');
    await page.getByRole('alert').filter({ hasText: `in use by ${container}` }).waitFor();
    await shot('32-volume-in-use');
    await checkA11y(page, 'volumes: detail');
    if (await volumeGone(name)) throw new Error('the refused removal removed the volume');
    log('volumes: Remove was refused naming the container that mounts it');

    await run('docker', ['rm', '-f', container]);
    await page.getByRole('button', { name: `Remove volume ${name}` }).click();
    await confirmDialog(page, 'Remove volume');
    await page.getByRole('heading', { name: 'Volumes', exact: true }).waitFor();
    if (!(await volumeGone(name))) throw new Error(`${name} is still on the engine after Remove`);
    log('volumes: with the container gone, Remove deleted the volume');
  } finally {
    await run('docker', ['rm', '-f', container]).catch(() => undefined);
    await run('docker', ['volume', 'rm', '-f', name]).catch(() => undefined);
    await run('docker', ['rmi', '-f', image]).catch(() => undefined);
  }
}
