// An admin opens a terminal in a running container (xterm.js over the WebSocket, on the dashboard's own
// origin, with the session cookie) and runs `echo`; closing the page ends the shell.
import { join } from 'node:path';
import { artifacts, busyboxImage, checkA11y, log, run, runInTerminal, signInAs, until, watchCsp } from './lib.mjs';

const LABEL = 'rivetr.e2e=terminal';

// A busybox container that keeps running.
async function busyboxContainer(work) {
  const name = `rivetr-e2e-terminal-${Date.now()}`;
  await run('docker', ['run', '-d', '--init', '--label', LABEL, '--name', name, await busyboxImage(work, name, LABEL)]);
  return name;
}

export async function terminal(browser, base, work) {
  const name = await busyboxContainer(work);
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    const page = await context.newPage();
    watchCsp(page);
    await signInAs(page, base, `${base}/containers/${name}/terminal`, 'term-admin', 'admin');
    await page.getByRole('heading', { name: `Terminal: ${name}` }).waitFor();
    await runInTerminal(page, "echo he''llo-from-e2e", 'hello-from-e2e');
    await page.screenshot({ path: join(artifacts, '20-terminal.png'), fullPage: true });
    await checkA11y(page, 'terminal');
    await page.close();
    await until('the shell to end after the page closed', async () => {
      const { stdout } = await run('docker', ['exec', name, '/bin/ps']);
      return { ok: !stdout.includes('/bin/ash'), text: stdout };
    }, 30_000);
    log('terminal: `echo` ran in the container; closing the page ended the shell');
  } finally {
    await context.close();
    await run('docker', ['rm', '-f', name]).catch(() => undefined);
    await run('docker', ['rmi', '-f', `${name}:e2e`]).catch(() => undefined);
  }
}
