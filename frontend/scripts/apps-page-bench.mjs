// Benchmark (prints figures, not pass/fail): the Apps and Overview pages with 1,000 apps in
// Debian's chromium against a real `rivetr serve` — time from navigation to the full list, the
// number of API requests it took, and how long a search takes to narrow the table.
// Usage: RIVETR_BINARY=build-dashboard/cli/rivetr node scripts/apps-page-bench.mjs [apps]
import { chromium } from 'playwright-core';
import { startRivetr } from './rivetr-server.mjs';

const APPS = Number(process.argv[2] ?? 1000);
const TOKEN = 'rvt_bench_admin_token_0123456789abcdef';

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

const server = await startRivetr({ token: TOKEN, env: { RIVETR_AUTH_RATE_LIMIT_PER_MINUTE: '0' } });
const base = server.base;
let browser;
try {
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
  await server.stop();
}
