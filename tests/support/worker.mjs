// Starts and stops a real local Worker (`wrangler dev`) for API and browser tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const running = new Set();

process.on('exit', () => {
  for (const child of running) killGroup(child);
});

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/** A fresh folder for a test's KV state. */
export function freshStateDir() {
  return mkdtempSync(join(tmpdir(), 'servicekit-kv-'));
}

/**
 * Starts `wrangler dev` on 127.0.0.1:`port` with KV persisted in `persistTo`,
 * and resolves once `/v1/health` answers. `config`: another wrangler.toml (the
 * bench's baseline Worker); `publicWritesPerMinute`: raise the public write limit.
 */
export async function startWorker({ port, persistTo, vars = {}, publicWritesPerMinute, config }) {
  const args = [
    'dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(port + 1000),
    '--persist-to', persistTo, '--show-interactive-dev-session=false', '--log-level', 'warn',
  ];
  if (publicWritesPerMinute !== undefined) args.push('--config', configWithLimit(port, publicWritesPerMinute));
  if (config !== undefined) args.push('--config', config);
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`);
  const child = spawn(join(root, 'node_modules', '.bin', 'wrangler'), args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  running.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  let ready = false;
  while (!ready && Date.now() < deadline) {
    const status = await Promise.race([exited.then(() => 'exited'), healthy(url)]);
    if (status === 'exited') throw new Error(`wrangler dev on port ${port} exited before it was ready`);
    ready = status === true;
    if (!ready) await new Promise((r) => setTimeout(r, 250));
  }
  if (!ready) {
    killGroup(child);
    throw new Error(`wrangler dev on port ${port} did not become healthy within 90 s`);
  }
  return {
    url,
    async stop() {
      killGroup(child);
      await exited;
      running.delete(child);
    },
  };
}

/**
 * A copy of wrangler.toml (in target/, paths adjusted) whose public write limit is
 * `perMinute`, for tests that send more than a person would (contract and load tests).
 */
function configWithLimit(port, perMinute) {
  const original = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  const limit = /simple = \{ limit = \d+, period = 60 \}/;
  if (!limit.test(original)) throw new Error('wrangler.toml has no PUBLIC_WRITES limit to raise');
  const text = original
    .replace(limit, `simple = { limit = ${perMinute}, period = 60 }`)
    .replace('main = "worker/build/index.js"', 'main = "../worker/build/index.js"')
    .replace('directory = "dist/site"', 'directory = "../dist/site"');
  mkdirSync(join(root, 'target'), { recursive: true });
  const path = join(root, 'target', `wrangler.${port}.toml`);
  writeFileSync(path, text);
  return path;
}

async function healthy(url) {
  try {
    const response = await fetch(`${url}/v1/health`);
    return response.ok;
  } catch {
    return false;
  }
}
