// Starts and stops a real local Worker (`wrangler dev`) for API and browser tests.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
 * and resolves once `/v1/health` answers.
 */
export async function startWorker({ port, persistTo, vars = {} }) {
  const args = [
    'dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(port + 1000),
    '--persist-to', persistTo, '--show-interactive-dev-session=false', '--log-level', 'warn',
  ];
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

async function healthy(url) {
  try {
    const response = await fetch(`${url}/v1/health`);
    return response.ok;
  } catch {
    return false;
  }
}
