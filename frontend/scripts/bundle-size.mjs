// Measures what a first visit downloads: the JS that dist/index.html loads (entry + modulepreloads),
// gzip-compressed. Fails above the budget (150 KiB), so the dashboard stays fast on a slow link.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = resolve(new URL('.', import.meta.url).pathname, '../dist');
const budget = Number(process.env.RIVETR_JS_BUDGET_KB ?? 150) * 1024;
const html = await readFile(join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
if (files.length === 0) throw new Error('no script found in dist/index.html');
let total = 0;
for (const f of new Set(files)) {
  const size = gzipSync(await readFile(join(dist, f)), { level: 9 }).length;
  total += size;
  console.log(`${f}: ${(size / 1024).toFixed(1)} KiB gzip`);
}
console.log(`initial JS: ${(total / 1024).toFixed(1)} KiB gzip (budget ${budget / 1024} KiB)`);
if (total > budget) {
  console.error('over budget: code-split the pages that are not needed on first load');
  process.exit(1);
}
console.log('bundle size: 1 passed, 0 failed');
