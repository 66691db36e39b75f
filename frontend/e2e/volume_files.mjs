// The volume browser: a volume with a file written by a container, browsed to and previewed, backed
// up from the page, restored from that download into a new volume and browsed there; both volumes are
// removed at the end. Run by run.mjs with the admin's page. (The volume is created with the engine's
// CLI: the volumes routes come with the volumes feature; after the merge this can be POST /api/volumes.)
import { join } from 'node:path';
import { busyboxImage, checkA11y, log, run } from './lib.mjs';

export async function volumeFiles(page, base, work, shot) {
  const runId = `e2e-vf-${Date.now()}`;
  const volume = runId;
  const restored = `${runId}-restored`;
  let image = '';
  try {
    await run('docker', ['volume', 'create', '--label', `rivetr.e2e=${runId}`, volume]);
    image = await busyboxImage(join(work, 'volume-files'), runId, `rivetr.e2e=${runId}`);
    await run('docker', ['run', '--rm', '-v', `${volume}:/v`, image, '/bin/busybox', 'sh', '-c',
      'mkdir /v/conf && echo "hello from the e2e container" > /v/conf/app.conf']);

    await page.goto(`${base}/volumes/${volume}/files?host=local`);
    await page.getByRole('heading', { name: `Files of ${volume}` }).waitFor();
    await page.getByRole('link', { name: 'conf/' }).click();
    await page.getByRole('link', { name: 'app.conf' }).click();
    await page.getByTestId('vf-preview').getByText('hello from the e2e container').waitFor();
    await shot('volume-files-preview');
    await checkA11y(page, 'volume files: preview');
    log('volume files: browsed to conf/app.conf and previewed it');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Back up (.tar.gz)' }).click(),
    ]);
    const archive = join(work, `${volume}.tar.gz`);
    await download.saveAs(archive);
    log('volume files: the backup downloaded');

    await page.getByTestId('vf-restore-file').setInputFiles(archive);
    await page.getByTestId('vf-restore-target').fill(restored);
    await page.getByRole('button', { name: `Restore into ${restored}` }).click();
    await page.getByRole('heading', { name: `Files of ${restored}` }).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'conf/' }).click();
    await page.getByRole('link', { name: 'app.conf' }).click();
    await page.getByTestId('vf-preview').getByText('hello from the e2e container').waitFor();
    await shot('volume-files-restored');
    log('volume files: restored into a new volume, the file is there');
  } finally {
    for (const v of [restored, volume]) await run('docker', ['volume', 'rm', '-f', v]).catch(() => {});
    if (image) await run('docker', ['rmi', image]).catch(() => {});
  }
}
