// The Networks pages: create a network with its own subnet, connect a running busybox container with
// a fixed address and an alias, see that address on the network's page, watch Delete refused while it
// is attached (the containers named), disconnect it, delete the network. Run by run.mjs with the
// admin's page; everything it creates is labelled and removed at the end.
import { busyboxImage, checkA11y, confirmDialog, log, run } from './lib.mjs';

// A /24 under 10.213.0.0/16 that no network on the engine uses now (other runs share the engine).
async function freeSubnet() {
  const { stdout } = await run('docker', ['network', 'inspect', '--format', '{{range .IPAM.Config}}{{.Subnet}} {{end}}',
    ...(await run('docker', ['network', 'ls', '-q'])).stdout.split('\n').filter(Boolean)]);
  for (let third = 1 + Math.floor(Math.random() * 200), n = 0; n < 250; ++n, third = (third % 250) + 1) {
    if (!stdout.includes(`10.213.${third}.`) && !stdout.includes('10.213.0.0/16') && !stdout.includes('10.0.0.0/8')) return `10.213.${third}.`;
  }
  throw new Error('no free /24 for the e2e network');
}

export async function networksPage(page, base, work, shot) {
  const runId = `e2e-${Date.now()}`;
  const label = `rivetr.e2e.networks=${runId}`;
  const name = `rivetr-e2e-net-${runId}`;
  const container = `rivetr-e2e-net-c-${runId}`;
  try {
    const image = await busyboxImage(work, `rivetr-e2e-net-${runId}`, label);
    await run('docker', ['run', '-d', '--label', label, '--name', container, image]);
    const prefix = await freeSubnet();

    await page.getByRole('link', { name: 'Networks', exact: true }).click();
    await page.getByRole('heading', { name: 'Networks', exact: true }).waitFor();
    await page.getByRole('link', { name: 'bridge', exact: true }).waitFor();
    const form = page.getByRole('form', { name: /^New network/ });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Subnet').fill(`${prefix}0/24`);
    await form.getByLabel('Gateway').fill(`${prefix}1`);
    await shot('25-networks-create');
    await checkA11y(page, 'networks: list and create');
    await form.getByRole('button', { name: 'Create network' }).click();
    await page.getByRole('heading', { name, exact: false }).waitFor();
    log(`networks: created ${name} on ${prefix}0/24`);

    const connect = page.getByRole('form', { name: 'Connect a container' });
    const option = connect.getByLabel('Container').locator('option', { hasText: container });
    await option.waitFor({ state: 'attached' });
    await connect.getByLabel('Container').selectOption(await option.getAttribute('value'));
    await connect.getByLabel('Aliases').fill('db');
    await connect.getByLabel('Fixed IPv4 address').fill(`${prefix}42`);
    await connect.getByRole('button', { name: 'Connect' }).click();
    const attached = page.getByRole('table', { name: 'Attached containers' });
    await attached.getByRole('row').filter({ hasText: container }).getByText(`${prefix}42`).waitFor();
    await attached.getByRole('row').filter({ hasText: container }).getByText(/\bdb\b/).waitFor();
    await shot('26-networks-connected');
    await checkA11y(page, 'networks: detail');
    log(`networks: ${container} connected at ${prefix}42 with alias db`);

    await page.getByRole('button', { name: 'Delete network' }).click();
    await confirmDialog(page, 'Remove network');
    await page.getByRole('alert').filter({ hasText: new RegExp(`in use by ${container}`) }).first().waitFor();
    log('networks: Delete was refused while the container is attached, naming it');

    await attached.getByRole('button', { name: `Disconnect ${container}` }).click();
    await confirmDialog(page, 'Disconnect');
    await page.getByText('No container is attached.').waitFor();
    await page.getByRole('button', { name: 'Delete network' }).click();
    await confirmDialog(page, 'Remove network');
    await page.getByRole('heading', { name: 'Networks', exact: true }).waitFor();
    const left = await run('docker', ['network', 'ls', '-q', '--filter', `name=^${name}$`]);
    if (left.stdout.trim()) throw new Error(`${name} is still on the engine after Delete`);
    await shot('27-networks-deleted');
    log('networks: disconnected, then deleted');
  } finally {
    await run('docker', ['rm', '-f', container]).catch(() => undefined);
    await run('docker', ['network', 'rm', name]).catch(() => undefined);
    await run('docker', ['rmi', '-f', `rivetr-e2e-net-${runId}:e2e`]).catch(() => undefined);
  }
}
