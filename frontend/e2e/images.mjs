// The Images page: an image pushed to a local registry (Debian's docker-registry, started here) is
// pulled with its progress drawn per layer, found in the list, its history opened; removing it while
// a stopped container uses it shows the engine's reason and Force removes it. Then a prune preview
// (limited to this run's label) shows the dangling image the test built, and confirming removes
// exactly it. Run by run.mjs with the admin's page; everything it creates is removed at the end.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkA11y, confirmDialog, freePort, log, run, until } from './lib.mjs';

// The registry on loopback (the engine pulls from 127.0.0.1 without TLS), its data under `dir`.
async function startRegistry(dir) {
  const port = await freePort();
  await mkdir(join(dir, 'data'), { recursive: true });
  await writeFile(join(dir, 'config.yml'), `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n`
    + `http:\n  addr: 127.0.0.1:${port}\n  secret: rivetr-e2e-only\n`);
  const registry = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  await until('the registry to answer /v2/', async () => {
    const r = await fetch(`http://127.0.0.1:${port}/v2/`).catch(() => null);
    return { ok: r?.status === 200 };
  }, 20_000);
  return { host: `127.0.0.1:${port}`, stop: () => registry.kill('SIGTERM') };
}

// A FROM-scratch image with busybox and a file unique to it; `tag` '' leaves it dangling. Its id.
async function build(dir, label, unique, tag) {
  await mkdir(dir, { recursive: true });
  await copyFile('/bin/busybox', join(dir, 'busybox'));
  await writeFile(join(dir, 'unique'), unique);
  await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY unique /unique\nCOPY busybox /bin/busybox\n');
  const { stdout } = await run('docker', ['build', '-q', '--label', label, ...(tag ? ['-t', tag] : []), dir]);
  return stdout.trim();
}

const gone = (id) => run('docker', ['image', 'inspect', id]).then(() => false, () => true);

export async function imagesPage(page, base, work, shot) {
  const runId = `e2e-${Date.now()}`;
  const label = `rivetr.e2e.images=${runId}`;
  const registry = await startRegistry(join(work, 'registry'));
  const ref = `${registry.host}/rivetr-e2e/images:${runId}`;
  const container = `rivetr-e2e-images-${runId}`;
  let dangling = '';
  try {
    const pushed = await build(join(work, 'images-pushed'), label, runId, ref);
    await run('docker', ['push', ref]);
    await run('docker', ['rmi', ref]);

    await page.getByRole('link', { name: 'Images', exact: true }).click();
    await page.getByRole('heading', { name: 'Images', exact: true }).waitFor();
    await page.getByRole('table', { name: /^Disk usage on/ }).getByRole('rowheader', { name: 'Build cache' }).waitFor();
    // At 1280 px the whole disk-usage table shows, Reclaimable included: its box needs no sideways scroll.
    const box = await page.getByRole('region', { name: /^Disk usage table on/ }).evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    if (box.scroll > box.client) throw new Error(`images: the disk-usage table is cut off (${box.scroll}px wide in ${box.client}px)`);
    const pull = page.getByRole('form', { name: 'Pull an image' });
    await pull.getByLabel('Image').fill(ref);
    await pull.getByRole('button', { name: 'Pull' }).click();
    await pull.getByRole('status').filter({ hasText: `Pulled ${ref}` }).waitFor();
    const layers = pull.getByRole('list', { name: 'Layers' }).getByRole('progressbar');
    if ((await layers.count()) < 1) throw new Error('the pull showed no layer progress');
    if ((await pull.getByRole('progressbar', { name: /^Pull of .* 100%$/ }).count()) !== 1) throw new Error('the pull bar is not full');
    await shot('21-images-pulled');
    log(`images: pulled ${ref} with ${await layers.count()} layer bars`);

    const row = page.getByRole('row').filter({ hasText: ref });
    await row.getByText(pushed.replace('sha256:', '').slice(0, 12)).waitFor();
    await row.getByRole('button', { name: `History of ${ref}` }).click();
    const history = page.getByRole('table', { name: `Layers of ${ref}` });
    await history.getByText(/#\(nop\) COPY file:/).first().waitFor();
    await shot('22-images-history');
    await checkA11y(page, 'images: history');
    await page.getByRole('button', { name: 'Close the history' }).click();
    log('images: the pulled image is listed and its history shows its build steps');

    await run('docker', ['create', '--label', label, '--name', container, ref, '/bin/busybox', 'true']);
    await row.getByRole('button', { name: `Remove ${ref}` }).click();
    await confirmDialog(page, 'Remove image');
    await row.getByRole('alert').filter({ hasText: /must be forced|being used/ }).waitFor();
    await shot('23-images-in-use');
    await row.getByRole('button', { name: `Force remove ${ref}` }).click();
    await confirmDialog(page, 'Force remove');
    await row.waitFor({ state: 'detached' });
    if (!(await gone(ref))) throw new Error(`${ref} is still on the engine after Force remove`);
    log('images: Remove was refused with the engine\'s reason; Force removed it');

    dangling = await build(join(work, 'images-dangling'), label, `${runId}-dangling`, '');
    const prune = page.getByRole('region', { name: /^Prune on / });
    await prune.getByLabel(/Only with label/).fill(label);
    await prune.getByRole('button', { name: 'Preview prune' }).click();
    const plan = prune.getByRole('table', { name: 'Images the prune would remove' });
    await plan.getByText(dangling.replace('sha256:', '').slice(0, 12)).waitFor();
    if ((await plan.getByRole('row').count()) !== 2) throw new Error('the prune plan lists more than the dangling image');
    await prune.getByText('1 image would go').waitFor();
    await shot('24-images-prune-plan');
    await checkA11y(page, 'images: prune plan');
    await prune.getByRole('button', { name: 'Prune this image' }).click();
    await confirmDialog(page, 'Prune 1 image');
    await prune.getByText('Pruned 1 image').waitFor();
    if (!(await gone(dangling))) throw new Error('the confirmed prune left the dangling image');
    log('images: the prune plan showed exactly the dangling image; confirming removed it');
  } finally {
    registry.stop();
    await run('docker', ['rm', '-f', container]).catch(() => undefined);
    for (const img of [ref, dangling].filter(Boolean)) await run('docker', ['rmi', '-f', img]).catch(() => undefined);
  }
}
