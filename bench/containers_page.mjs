// The containers page's time to a full list, in Debian's Chromium through playwright-core (the e2e's way):
// sign in with the admin token, then load /containers `runs` times and time each from navigation start
// to the first frame painted after the list holds `count` rows. Never prints a figure it did not measure.
// Usage: node bench/containers_page.mjs <base-url> <admin-token> <count> [runs] [goal-ms]
// (bench/containers_bench_main.cpp runs it against the server it started.)
import { createRequire } from 'node:module';

// playwright-core is the dashboard's dev dependency: resolved from frontend/, not from bench/.
const require = createRequire(new URL('../frontend/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [base, token, countArg, runsArg = '5', goalArg = '500'] = process.argv.slice(2);
const count = Number(countArg);
const runs = Number(runsArg);
const goalMs = Number(goalArg);
const browserPath = process.env.RIVETR_CHROMIUM ?? '/usr/bin/chromium';
const WAIT_MS = 30_000;

// The contract with the Containers page: one <tr data-container-id="<full id>"> per row and
// <span data-testid="containers-count">N</span> with the number loaded. Runs in the page before its
// scripts: records performance.now() (ms since navigation start) for the frame after the list is full.
function watchList(wanted) {
  const full = () => {
    const shown = document.querySelector('[data-testid="containers-count"]');
    return document.querySelectorAll('tr[data-container-id]').length >= wanted
      || (shown !== null && Number(shown.textContent.trim()) >= wanted);
  };
  const observer = new MutationObserver(() => {
    if (!full()) return;
    observer.disconnect();
    window.__listInDom = performance.now();
    requestAnimationFrame(() => setTimeout(() => { window.__listShown = performance.now(); }));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

async function signIn(page) {
  await page.goto(`${base}/`);
  await page.getByRole('tab', { name: 'API token' }).click();
  await page.getByLabel('API token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}

// What the page showed instead, for the failure message.
async function describe(page) {
  return page.evaluate(() => ({
    url: location.pathname,
    heading: document.querySelector('h1')?.textContent ?? null,
    rows: document.querySelectorAll('tr[data-container-id]').length,
    count: document.querySelector('[data-testid="containers-count"]')?.textContent ?? null,
  }));
}

async function loadOnce(page) {
  await page.goto(`${base}/containers`, { waitUntil: 'commit' });
  try {
    await page.waitForFunction(() => window.__listShown !== undefined, null, { timeout: WAIT_MS, polling: 50 });
  } catch {
    const seen = await describe(page);
    throw new Error(`the containers page never showed ${count} containers within ${WAIT_MS / 1000} s: `
      + `no ${count} <tr data-container-id> rows and no [data-testid="containers-count"] >= ${count} `
      + `(saw ${JSON.stringify(seen)}). Does this build have the Containers page?`);
  }
  return page.evaluate(() => {
    // The list's API call as the browser saw it: how much of the page's time is the server's answer.
    const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/containers')).at(-1);
    return { dom: window.__listInDom, shown: window.__listShown, apiStart: api?.startTime, apiEnd: api?.responseEnd };
  });
}

const apiNote = (t) => (t.apiEnd === undefined ? 'no /api/containers call seen'
  : `/api/containers asked at ${t.apiStart.toFixed(0)} ms, answered at ${t.apiEnd.toFixed(0)} ms`);

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function main() {
  const browser = await chromium.launch({ executablePath: browserPath, headless: true, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.addInitScript(watchList, count);
    const page = await context.newPage();
    await signIn(page);
    const times = [];
    for (let i = 0; i < runs; i += 1) times.push(await loadOnce(page));
    const shown = times.map((t) => t.shown);
    const rest = shown.slice(1);
    const med = median(rest.length ? rest : shown);
    console.log(`  ${'containers page, first'.padEnd(26)} ${shown[0].toFixed(0).padStart(8)} ms   `
      + `(navigation start to the frame after ${count} rows; in the DOM at ${times[0].dom.toFixed(0)} ms, ${apiNote(times[0])})`);
    console.log(`  ${'containers page, again'.padEnd(26)} med ${med.toFixed(0).padStart(4)} ms  `
      + `max ${Math.max(...shown).toFixed(0).padStart(4)} ms   goal <= ${goalMs} ms: ${med <= goalMs ? 'ok' : 'MISSED'}   `
      + `(${rest.length} more loads, browser cache warm)`);
    for (const [i, t] of times.entries()) console.log(`    load ${i + 1}: ${t.shown.toFixed(0)} ms (${apiNote(t)})`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.log(`  containers page: ${e.message}`);
  process.exit(1);
});
