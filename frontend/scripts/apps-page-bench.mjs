// Benchmark (prints figures, not pass/fail): the Apps and Overview pages with 1,000 apps in
// Debian's chromium against a real `rivetr serve` — time from navigation to the full list, the
// number of API requests it took, and how long a search takes to narrow the table.
// Usage: RIVETR_BINARY=build-dashboard/cli/rivetr node scripts/apps-page-bench.mjs [apps]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const here = new URL('.', import.meta.url).pathname;
const rivetr = process.env.RIVETR_BINARY ?? resolve(here, '../../build/cli/rivetr');
const APPS = Number(process.argv[2] ?? 1000);
const TOKEN = 'rvt_bench_admin_token_0123456789abcdef';

const freePort = () => new Promise((res) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); }); });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function createApps(base) {
  const one = async (i) => {
    const name = `app-${String(i).padStart(4, '0')}`;
    const r = await fetch(`${base}/api/apps`, {
      method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, git_url: `https://git.example.com/team/${name}.git`, port: 3000, domains: [`${name}.example.com`] }),
    });
    if (r.status !== 201) throw new Error(`creating ${name}: ${r.status} ${await r.text()}`);
  };
  for (let i = 0; i < APPS; i += 8) await Promise.all(Array.from({ length: Math.min(8, APPS - i) }, (_, j) => one(i + j)));
}

async function timed(page, url, ready) {
  const requests = [];
  const note = (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) requests.push(r.url()); };
  page.on('request', note);
  const t0 = performance.now();
  await page.goto(url);
  await ready();
  const ms = performance.now() - t0;
  page.off('request', note);
  return { ms, requests: requests.length };
}

const work = await mkdtemp(join(tmpdir(), 'rivetr-apps-bench-'));
const apiPort = await freePort();
const base = `http://127.0.0.1:${apiPort}`;
const server = spawn(rivetr, ['serve'], {
  cwd: work, stdio: 'ignore',
  env: {
    ...process.env, RIVETR_SERVER_API_PORT: String(apiPort), RIVETR_SERVER_HOST: '127.0.0.1',
    RIVETR_SERVER_PROXY_PORT: String(await freePort()), RIVETR_SERVER_PROXY_HTTPS_PORT: String(await freePort()),
    RIVETR_SERVER_DATA_DIR: join(work, 'data'), RIVETR_AUTH_ADMIN_TOKEN: TOKEN, RIVETR_LOGGING_LEVEL: 'warn',
    RIVETR_AUTH_RATE_LIMIT_PER_MINUTE: '0',
  },
});
let browser;
try {
  for (let i = 0; i < 120 && !(await fetch(`${base}/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 250));
  await createApps(base);
  browser = await chromium.launch({ executablePath: process.env.RIVETR_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(base + '/');
  await page.getByRole('tab', { name: 'API token' }).click();
  await page.getByLabel('API token', { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();

  const apps = [];
  const overview = [];
  const search = [];
  for (let run = 0; run < 5; run++) {
    apps.push(await timed(page, `${base}/apps`, () => page.getByText(`${APPS} apps`, { exact: true }).waitFor()));
    const t0 = performance.now();
    await page.getByLabel('Search').fill('app-0999');
    await page.getByText(`1 of ${APPS} apps match`).waitFor();
    search.push(performance.now() - t0);
    overview.push(await timed(page, `${base}/`, () => page.getByRole('link', { name: `All ${APPS} apps` }).waitFor()));
  }
  const rows = await (async () => { await page.goto(`${base}/apps`); await page.getByText(`${APPS} apps`, { exact: true }).waitFor(); return page.locator('tbody tr').count(); })();
  console.log(`${APPS} apps, median of 5 (page load includes the JS, from the binary on loopback):`);
  console.log(`  Apps page     ${median(apps.map((x) => x.ms)).toFixed(0)} ms to the full list, ${apps[0].requests} API requests (incl. /api/auth/me and the /api/events stream), ${rows} rows rendered`);
  console.log(`  search        ${median(search).toFixed(0)} ms from typing to the narrowed table`);
  console.log(`  Overview      ${median(overview.map((x) => x.ms)).toFixed(0)} ms to the app summary, ${overview[0].requests} API requests`);
} finally {
  await browser?.close().catch(() => undefined);
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  await rm(work, { recursive: true, force: true });
}
