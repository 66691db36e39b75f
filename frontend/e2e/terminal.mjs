// An admin opens a terminal in a running container (xterm.js over the WebSocket, on the dashboard's own
// origin, with the session cookie) and runs `echo`; closing the page ends the shell.
import { mkdir, copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TOKEN, artifacts, checkA11y, log, run, until, watchCsp } from './lib.mjs';

const LABEL = 'rivetr.e2e=terminal';

// A FROM-scratch container with busybox's applets that keeps running (docker's CLI, argv only).
async function busyboxContainer(work) {
  const ctx = join(work, 'terminal-image');
  await mkdir(ctx, { recursive: true });
  await copyFile('/bin/busybox', join(ctx, 'busybox'));
  await writeFile(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\n'
    + 'RUN ["/bin/busybox", "--install", "-s", "/bin"]\nCMD ["/bin/sleep", "3600"]\n');
  const name = `rivetr-e2e-terminal-${Date.now()}`;
  await run('docker', ['build', '-q', '--label', LABEL, '-t', `${name}:e2e`, ctx]);
  await run('docker', ['run', '-d', '--init', '--label', LABEL, '--name', name, `${name}:e2e`]);
  return name;
}

export async function terminal(browser, base, work) {
  const name = await busyboxContainer(work);
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    const created = await fetch(`${base}/api/users`, {
      method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'term-admin', password: 'terminal admin password', role: 'admin' }),
    });
    if (created.status !== 201) throw new Error(`creating the terminal's admin: ${created.status} ${await created.text()}`);
    const page = await context.newPage();
    watchCsp(page);
    await page.goto(`${base}/containers/${name}/terminal`);
    await page.getByLabel('Username', { exact: true }).fill('term-admin');
    await page.getByLabel('Password', { exact: true }).fill('terminal admin password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Terminal: ${name}` }).waitFor();
    await page.getByText('Connected').waitFor();
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type("echo he''llo-from-e2e");
    await page.keyboard.press('Enter');
    await until('the echo in the terminal', async () => {
      const text = await page.locator('.xterm-rows').innerText();
      return { ok: text.includes('hello-from-e2e'), text };
    }, 20_000);
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
