// The dashboard's API types come from the server's OpenAPI document: this generates them with
// openapi-typescript from what a real `rivetr serve` publishes at /api/openapi.json and compares
// them with the checked-in src/shared/api/schema.gen.ts. A difference fails (ctest
// frontend_api_types) until `npm run api:types -- --write` regenerates the file and the dashboard
// compiles against it, so the dashboard and the API cannot drift apart.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { startRivetr } from './rivetr-server.mjs';

const target = resolve(new URL('.', import.meta.url).pathname, '../src/shared/api/schema.gen.ts');
const write = process.argv.includes('--write');

async function servedDocument() {
  const server = await startRivetr({ token: 'rvt_types_admin_token_0123456789abcdef' });
  try {
    const r = await fetch(`${server.base}/api/openapi.json`);
    if (!r.ok) throw new Error(`GET /api/openapi.json: ${r.status}`);
    return await r.json();
  } finally {
    await server.stop();
  }
}

const doc = await servedDocument();
doc.info.version = '0'; // the binary's version is not part of the types
const generated = astToString(await openapiTS(doc, { alphabetize: true }));
const checkedIn = await readFile(target, 'utf8').catch(() => '');
if (write) {
  await writeFile(target, generated);
  console.log(`wrote ${target}`);
} else if (generated !== checkedIn) {
  const a = checkedIn.split('\n');
  const b = generated.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  console.error(`src/shared/api/schema.gen.ts differs from what the server publishes (first at line ${i + 1}):`);
  for (let n = Math.max(0, i - 3); n < Math.min(Math.max(a.length, b.length), i + 6); n++) {
    if (a[n] !== b[n]) console.error(`  checked in: ${a[n] ?? '(end)'}\n  served:     ${b[n] ?? '(end)'}`);
  }
  console.error('regenerate with `npm run api:types -- --write` and make the dashboard compile against it');
  console.log('api types: 0 passed, 1 failed');
  process.exit(1);
} else {
  console.log('api types: 1 passed, 0 failed');
}
