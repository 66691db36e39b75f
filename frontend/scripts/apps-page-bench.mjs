// Benchmark (prints figures, not pass/fail): the Apps and Overview pages with 1,000 apps in
// Debian's chromium against a real `rivetr serve` — time from navigation to the full list, the
// number of API requests it took, and how long a search takes to narrow the table.
// Usage: RIVETR_BINARY=build/cli/rivetr node scripts/apps-page-bench.mjs [apps] [--compare OTHER_DIST_DIR]
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { startRivetr } from './rivetr-server.mjs';

const APPS = Number(/^\d+$/.test(process.argv[2] ?? '') ? process.argv[2] : 1000);
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

// Optional: `--compare DIR` measures another build of the dashboard (e.g. the previous one's dist)
// in the same run, turn about, each against its own server, so both see the same machine load.
const compareAt = process.argv.indexOf('--compare');
const targets = [{ label: 'this build', dir: undefined }];
if (compareAt > 0) targets.push({ label: process.argv[compareAt + 1], dir: process.argv[compareAt + 1] });
const RUNS = Number(process.env.RIVETR_BENCH_RUNS ?? (targets.length > 1 ? 9 : 5));

async function signIn(browser, base) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(base + '/');
  await page.getByRole('tab', { name: 'API token' }).click();
  await page.getByLabel('API token', { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  return page;
}

async function oneRun(t) {
  const { page, base } = t;
  t.apps.push(await timed(page, `${base}/apps`, () => page.getByText(`${APPS} apps`, { exact: true }).waitFor()));
  const t0 = performance.now();
  await page.getByLabel('Search').fill('app-0999');
  await page.getByText(`1 of ${APPS} apps match`).waitFor();
  t.search.push(performance.now() - t0);
  t.overview.push(await timed(page, `${base}/`, () => page.getByRole('link', { name: `All ${APPS} apps` }).waitFor()));
}

let browser;
try {
  for (const t of targets) {
    const env = { RIVETR_AUTH_RATE_LIMIT_PER_MINUTE: '0', ...(t.dir ? { RIVETR_SERVER_DASHBOARD_DIR: resolve(t.dir) } : {}) };
    t.server = await startRivetr({ token: TOKEN, env });
    t.base = t.server.base;
    Object.assign(t, { apps: [], search: [], overview: [] });
    await createApps(t.base);
  }
  browser = await chromium.launch({ executablePath: process.env.RIVETR_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  for (const t of targets) t.page = await signIn(browser, t.base);
  for (let run = 0; run < RUNS; run++) for (const t of targets) await oneRun(t);
  console.log(`${APPS} apps, median of ${RUNS} (page load includes the JS, from the binary on loopback):`);
  for (const t of targets) {
    const { page, base } = t;
    const rows = await (async () => { await page.goto(`${base}/apps`); await page.getByText(`${APPS} apps`, { exact: true }).waitFor(); return page.locator('tbody tr').count(); })();
    if (targets.length > 1) console.log(`${t.label}:`);
    console.log(`  Apps page     ${median(t.apps.map((x) => x.ms)).toFixed(0)} ms to the full list, ${t.apps[0].requests} API requests (incl. /api/auth/me and the /api/events stream), ${rows} rows rendered`);
    console.log(`  search        ${median(t.search).toFixed(0)} ms from typing to the narrowed table`);
    console.log(`  Overview      ${median(t.overview.map((x) => x.ms)).toFixed(0)} ms to the app summary, ${t.overview[0].requests} API requests`);
  }
} finally {
  await browser?.close().catch(() => undefined);
  for (const t of targets) await t.server?.stop();
}
