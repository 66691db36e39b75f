// Starts a throw-away `rivetr serve` on free loopback ports (its own data dir, a known admin
// token) for the dashboard's scripts, and stops it again.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
export const rivetrBinary = process.env.RIVETR_BINARY ?? resolve(here, '../../build/cli/rivetr');

export const freePort = () => new Promise((res, rej) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  s.on('error', rej);
});

/** Resolves to { base, work, stop() } once /health answers; `env` adds to the server's environment. */
export async function startRivetr({ token, env = {} }) {
  const work = await mkdtemp(join(tmpdir(), 'rivetr-dashboard-'));
  const apiPort = await freePort();
  const base = `http://127.0.0.1:${apiPort}`;
  let output = '';
  const server = spawn(rivetrBinary, ['serve'], {
    cwd: work, stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, RIVETR_SERVER_API_PORT: String(apiPort), RIVETR_SERVER_HOST: '127.0.0.1',
      RIVETR_SERVER_PROXY_PORT: String(await freePort()), RIVETR_SERVER_PROXY_HTTPS_PORT: String(await freePort()),
      RIVETR_SERVER_DATA_DIR: join(work, 'data'), RIVETR_AUTH_ADMIN_TOKEN: token, RIVETR_LOGGING_LEVEL: 'warn', ...env,
    },
  });
  server.stdout.on('data', (c) => (output += c));
  server.stderr.on('data', (c) => (output += c));
  const exited = new Promise((r) => server.on('exit', r));
  const stop = async () => {
    server.kill('SIGTERM');
    const t = setTimeout(() => server.kill('SIGKILL'), 15000);
    await exited;
    clearTimeout(t);
    await rm(work, { recursive: true, force: true });
  };
  for (let i = 0; i < 120; i++) {
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) return { base, work, stop, output: () => output };
    if (server.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`rivetr serve (${rivetrBinary}) did not answer /health:\n${output.slice(-3000)}`);
}
