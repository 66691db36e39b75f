// Compose stacks, as a developer: write a compose file in the New stack page's editor (a FROM-scratch
// busybox image, a stored variable, a named volume), see the server's issue marked on its line after an
// unknown key is typed, fix it, create and deploy, see the service running, change a value in the file
// and the stored variable, see the diff against the deployed file, Save & Deploy (the container gets both
// values), find both revisions, take it down with its volume, and delete it. Run by run.mjs with the
// browser; everything it makes is removed at the end.
import { join } from 'node:path';
import { apiCall, artifacts, busyboxImage, checkA11y, confirmDialog, inDockerContext, log, run, signInAs, until, watchCsp } from './lib.mjs';

const LABEL = 'rivetr.e2e=stacks';

const composeFor = (image, stamp) => [
  'services:',
  '  web:',
  `    image: ${image}`,
  '    init: true',
  '    stop_grace_period: 2s',
  '    environment:',
  '      GREETING: ${GREETING}',
  '      STAGE: one',
  '    volumes:',
  '      - data:/data',
  '    labels:',
  `      e2e.run: "${stamp}"`,
  'volumes:',
  '  data: {}',
  '',
].join('\n');

// The container's environment, as the engine has it.
async function envOf(container) {
  const { stdout } = await run('docker', ['inspect', '-f', '{{range .Config.Env}}{{println .}}{{end}}', container]);
  return stdout.split('\n').filter(Boolean);
}

export async function stacks(browser, base, work) {
  const stamp = Date.now();
  const name = `e2e-stack-${stamp}`;
  const image = await busyboxImage(work, `rivetr-e2e-stacks-${stamp}`, LABEL);
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const cleanUp = async () => {
    await apiCall(base, 'DELETE', `/api/stacks/${name}?volumes=1`).catch(() => undefined);  // 404 once the run deleted it
    await run('docker', ['volume', 'rm', '-f', `${name}_data`]).catch(() => undefined);
    await run('docker', ['network', 'rm', `${name}_default`]).catch(() => undefined);
  };
  await inDockerContext({ context, name: 'stacks', stamp, image, cleanUp }, async () => {
    const page = await context.newPage();
    watchCsp(page);
    const shot = (file, a11y) => page.screenshot({ path: join(artifacts, `${file}.png`), fullPage: true }).then(() => checkA11y(page, a11y));
    await signInAs(page, base, `${base}/stacks`, 'stack-dev', 'developer');
    await page.getByRole('heading', { name: 'Stacks', exact: true }).waitFor();
    await page.getByRole('link', { name: 'New stack' }).click();
    await page.getByRole('heading', { name: 'New stack' }).waitFor();

    // The file goes in as typed input; then an unknown key is typed on the image line.
    await page.getByLabel('Name', { exact: true }).fill(name);
    const editor = page.getByRole('textbox', { name: 'Compose file' });
    await editor.click();
    await page.keyboard.insertText(composeFor(image, stamp));
    await page.getByText('No issues found.').waitFor();
    await page.locator('.cm-line', { hasText: `image: ${image}` }).click();
    await page.keyboard.press('Home');
    await page.keyboard.type('x');
    const issue = page.getByRole('list', { name: 'Issues in the compose file' }).getByRole('button', { name: /^line 3: services\.web\.ximage: / });
    await issue.waitFor();
    const marked = await page.locator('.cm-lintRange-error').first().textContent();
    if (!marked?.includes('ximage')) throw new Error(`the lint mark is not on the unknown key's line: ${JSON.stringify(marked)}`);
    await shot('40-stack-new-issue', 'stacks: new, with an issue');
    log(`stacks: the unknown key is marked on line 3 and listed: ${await issue.textContent()}`);

    // The issue's button puts the cursor on its line: the line is replaced there.
    await issue.click();
    const active = await page.locator('.cm-activeLine').textContent();
    if (!active?.includes('ximage')) throw new Error(`the issue's button went to another line: ${JSON.stringify(active)}`);
    await page.keyboard.press('Shift+End');
    await page.keyboard.insertText(`    image: ${image}`);
    await page.getByText('No issues found.').waitFor();
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('Key 1').fill('GREETING');
    await page.getByLabel('Value of GREETING').fill('hello-v1');
    await page.getByRole('button', { name: 'Create stack' }).click();
    await page.getByRole('heading', { name: new RegExp(`^${name}`) }).waitFor();
    log('stacks: fixed and created');

    // Deploy: the service runs, with the stored variable.
    const head = page.locator('.head');
    await head.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.getByText(new RegExp(`Revision 1 of ${name} deployed`)).waitFor({ timeout: 120_000 });
    const web = page.locator('tr[data-service="web"]');
    await web.locator('.badge', { hasText: /^running$/ }).waitFor({ timeout: 30_000 });
    const container = (await web.getByRole('link').textContent()).trim();
    const env1 = await envOf(container);
    if (!env1.includes('GREETING=hello-v1') || !env1.includes('STAGE=one')) throw new Error(`revision 1's environment: ${env1.join(' ')}`);
    await shot('41-stack-running', 'stacks: running');
    log(`stacks: deployed; ${container} runs with GREETING=hello-v1`);

    // A new value for the stored variable, and one in the file; the diff shows the file's change.
    await page.getByRole('tab', { name: 'Env' }).click();
    await page.getByLabel('Value of GREETING').fill('hello-v2');
    await page.getByRole('button', { name: 'Save variables' }).click();
    await page.getByText(`Stack ${name} saved`).waitFor();
    await page.getByRole('tab', { name: 'Compose' }).click();
    await page.locator('.cm-line', { hasText: 'STAGE: one' }).click();
    await page.keyboard.press('End');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('two');
    await page.getByText('No issues found.').waitFor();
    await page.getByRole('button', { name: 'Diff against deployed' }).click();
    const diff = page.getByRole('region', { name: 'Changes against the deployed compose file (revision 1)' });
    await diff.getByText('1 line added, 1 line removed since revision 1.').waitFor();
    await diff.locator('li.diff-removed', { hasText: 'STAGE: one' }).waitFor();
    await diff.locator('li.diff-added', { hasText: 'STAGE: two' }).waitFor();
    await shot('42-stack-diff', 'stacks: compose diff');
    log('stacks: the diff against revision 1 shows STAGE one -> two');

    await page.getByRole('button', { name: 'Save & Deploy' }).click();
    await page.getByText(new RegExp(`Revision 2 of ${name} deployed: web recreated`)).waitFor({ timeout: 120_000 });
    await until('the recreated container to have both new values', async () => {
      const env = await envOf(container).catch(() => []);
      return { ok: env.includes('GREETING=hello-v2') && env.includes('STAGE=two'), env };
    }, 30_000);
    await page.getByRole('tab', { name: 'Revisions' }).click();
    await page.locator('tr[data-revision="2"]').locator('.badge', { hasText: /^deployed$/ }).waitFor();
    await page.locator('tr[data-revision="1"]').getByRole('button').click();
    await page.getByLabel('Compose file of revision 1').getByText('STAGE: one').waitFor();
    await shot('43-stack-revisions', 'stacks: revisions');
    log('stacks: revision 2 deployed both values; revision 1 keeps its file');

    // Down with the named volume, then delete.
    await head.getByRole('button', { name: 'Down', exact: true }).click();
    await page.getByRole('alertdialog').getByLabel(/Also remove named volumes/).check();
    await confirmDialog(page, 'Down and remove volumes');
    await page.getByRole('status').filter({ hasText: `Volumes removed: ${name}_data.` }).waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Services' }).click();
    await web.locator('.badge', { hasText: /^missing$/ }).waitFor({ timeout: 30_000 });
    const left = (await run('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`])).stdout.trim();
    if (left) throw new Error(`containers left after down: ${left}`);
    if (await run('docker', ['volume', 'inspect', `${name}_data`]).then(() => true, () => false)) throw new Error('the volume survived down with volumes');
    log('stacks: down removed the container and the named volume, naming it');

    await head.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirmDialog(page, `Delete ${name}`);
    await page.getByRole('heading', { name: 'Stacks', exact: true }).waitFor();
    await until('the stack to leave the list', async () => ({ ok: (await page.locator(`tr[data-stack="${name}"]`).count()) === 0 }), 30_000);
    log('stacks: deleted');
  });
}
