// Shared pieces of the end-to-end run: the paths and constants, a fake git repository of the static
// test server, polling, TOTP codes, and the checks every page gets (CSP, axe-core, 375 px).
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createHmac } from 'node:crypto';


export const run = promisify(execFile);
export const here = new URL('.', import.meta.url).pathname;
export const rivetr = process.env.RIVETR_BINARY ?? resolve(here, '../../build/cli/rivetr');
export const testserver = process.env.RIVETR_TESTSERVER ?? resolve(here, '../../build/tests/fixtures/rivetr_testserver');
export const artifacts = process.env.RIVETR_E2E_ARTIFACTS ?? resolve(here, '../../build/e2e-artifacts');
export const browserPath = process.env.RIVETR_CHROMIUM ?? '/usr/bin/chromium';
export const TOKEN = 'rvt_e2e_admin_token_0123456789abcdef';
export const DOMAIN = 'e2e-dashboard.test';
export const STEP_MS = 180_000;

export const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
    s.on('error', rej);
  });
}

export async function git(dir, ...args) {
  await run('git', ['-C', dir, '-c', 'user.name=e2e', '-c', 'user.email=e2e@example.test', ...args]);
}

// A repository whose Dockerfile builds FROM scratch around the static test server.
export async function commitVersion(repo, version) {
  await copyFile(testserver, join(repo, 'testserver'));
  await chmod(join(repo, 'testserver'), 0o755);
  await writeFile(join(repo, 'Dockerfile'),
    `FROM scratch\nCOPY testserver /testserver\nENV PORT="8000"\nENV TESTSERVER_VERSION="${version}"\nEXPOSE 8000\nENTRYPOINT ["/testserver"]\n`);
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-q', '-m', `version ${version}`);
}

export function viaProxy(port, path = '/', host = DOMAIN) {
  return new Promise((res) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host }, timeout: 5000 }, (r) => {
      let body = '';
      r.on('data', (c) => (body += c));
      r.on('end', () => res({ status: r.statusCode, body }));
    });
    req.on('error', (e) => res({ status: 0, body: String(e) }));
    req.end();
  });
}

export async function until(what, fn, ms = STEP_MS) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last.ok) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

// RFC 6238 TOTP (HMAC-SHA1, 30 s step, 6 digits) of a base32 secret, as an authenticator app computes it.
export function totp(secretBase32, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const at = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
export const totpStep = () => Math.floor(Date.now() / 30_000);

// What the browser reports when the page breaks its Content-Security-Policy (a blocked script,
// style, image or connection), from every page of the run.
export const cspViolations = [];
export function watchCsp(p) {
  p.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
}

// axe-core on every page the run visits: serious or critical violations fail the run at the end.
// It is evaluated through the devtools protocol, which the page's CSP does not apply to.
export const axeSource = await readFile(resolve(here, '../node_modules/axe-core/axe.min.js'), 'utf8');
export const a11yProblems = [];
export const a11yChecked = [];
export async function checkA11y(p, name) {
  await p.waitForLoadState('domcontentloaded');
  if (!(await p.evaluate(() => typeof window.axe !== 'undefined'))) await p.evaluate(axeSource);
  const violations = await p.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  a11yChecked.push(name);
  for (const v of violations) a11yProblems.push(`${name}: ${v}`);
}

// At 375 px wide (a phone) the page must not scroll sideways and the named actions (buttons, or
// { link }) must be on screen.
export async function narrow(p, url, name, ready, buttons) {
  await p.setViewportSize({ width: 375, height: 812 });
  await p.goto(url);
  await ready();
  const { scroll, client } = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  if (scroll > client) throw new Error(`${name} at 375 px scrolls sideways: ${scroll} px of content in ${client} px`);
  const names = buttons.map((b) => (typeof b === 'string' ? b : b.link));
  for (const b of buttons) {
    const [role, label] = typeof b === 'string' ? ['button', b] : ['link', b.link];
    const box = await p.getByRole(role, { name: label, exact: true }).boundingBox();
    if (!box || box.x < 0 || box.x + box.width > client) throw new Error(`${name} at 375 px: the ${label} ${role} is off screen (${JSON.stringify(box)})`);
  }
  const file = join(artifacts, `375-${name}.png`);
  await p.screenshot({ path: file, fullPage: true });
  await checkA11y(p, `${name} (375 px)`);
  log(`${name} at 375 px: no sideways scroll, ${names.join(', ')} on screen; screenshot ${file}`);
  await p.setViewportSize({ width: 1280, height: 860 });
}

// The dashboard's page must not run foreign or inline scripts, be framed, or be sniffed as another type.
export function checkSecurityHeaders(headers) {
  const csp = headers['content-security-policy'] ?? '';
  for (const directive of ["script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]) {
    if (!csp.includes(directive)) throw new Error(`the dashboard's CSP lacks ${directive}: ${JSON.stringify(csp)}`);
  }
  if (headers['x-frame-options'] !== 'DENY') throw new Error(`X-Frame-Options: ${headers['x-frame-options']}`);
  if (headers['x-content-type-options'] !== 'nosniff') throw new Error(`X-Content-Type-Options: ${headers['x-content-type-options']}`);
  log('the dashboard is served with its CSP, X-Frame-Options and nosniff');
}

// The dashboard asks before destroying or interrupting anything, in its own dialog naming what goes.
export async function confirmDialog(page, button) {
  await page.getByRole('alertdialog').getByRole('button', { name: button, exact: true }).click();
}

export async function apiCall(base, method, path) {
  const r = await fetch(base + path, { method, headers: { Authorization: `Bearer ${TOKEN}` } });
  return { status: r.status, body: await r.text() };
}


// A FROM-scratch image with busybox's applets (sh, echo, ps, sleep) that keeps running (docker's
// CLI, argv only); its name is returned, labelled `label` for the clean-up.
export async function busyboxImage(work, name, label) {
  const ctx = join(work, `${name}-image`);
  await mkdir(ctx, { recursive: true });
  await copyFile('/bin/busybox', join(ctx, 'busybox'));
  await writeFile(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\n'
    + 'RUN ["/bin/busybox", "--install", "-s", "/bin"]\nCMD ["/bin/sleep", "3600"]\n');
  await run('docker', ['build', '-q', '--label', label, '-t', `${name}:e2e`, ctx]);
  return `${name}:e2e`;
}

// A scenario's clean-up: every container carrying `label` (key=value) and then `image`, whatever is left.
export async function removeLabelled(label, image) {
  const { stdout } = await run('docker', ['ps', '-aq', '--filter', `label=${label}`]).catch(() => ({ stdout: '' }));
  const left = stdout.split('\n').filter(Boolean);
  if (left.length) await run('docker', ['rm', '-f', ...left]).catch(() => undefined);
  if (image) await run('docker', ['rmi', '-f', image]).catch(() => undefined);
}

// What a failed scenario's own browser context showed, beside the other artifacts.
export async function failureShot(context, name) {
  await context.pages()[0]?.screenshot({ path: join(artifacts, `${name}-failure.png`), fullPage: true }).catch(() => undefined);
}

// A Docker scenario's steps in its own browser context: a failure leaves its screenshot (failureShot,
// `name`) and is thrown again; whatever happened, the context is closed, the containers labelled
// e2e.run=`stamp` and then `image` are removed (removeLabelled), and then `cleanUp` runs, if given.
export async function inDockerContext({ context, name, stamp, image, cleanUp }, steps) {
  try {
    await steps();
  } catch (e) {
    await failureShot(context, name);
    throw e;
  } finally {
    await context.close();
    await removeLabelled(`e2e.run=${stamp}`, image);
    await cleanUp?.();
  }
}

// A password user of `role`, made with the admin token; signs in on `page` at `url`.
export async function signInAs(page, base, url, username, role) {
  const password = `${username} e2e password`;
  const created = await fetch(`${base}/api/users`, {
    method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password, role }),
  });
  if (created.status !== 201) throw new Error(`creating ${username}: ${created.status} ${await created.text()}`);
  await page.goto(url);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// Types a command into the xterm.js terminal on the page and waits for `expect` in its output.
export async function runInTerminal(page, command, expect) {
  await page.getByText('Connected').waitFor();
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await until('the echo in the terminal', async () => {
    const text = await page.locator('.xterm-rows').innerText();
    return { ok: text.includes(expect), text };
  }, 20_000);
}
