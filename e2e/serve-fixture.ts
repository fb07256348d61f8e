import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

export interface ServedProfile {
  url: string;
  profileDir: string;
  /** Runs a CLI command against the same profile (serve holds the lock, so only before/after). */
  stop(): Promise<void>;
}

const repo = path.resolve(import.meta.dirname, '..');
// PMSYNC_E2E_CLI: a privately built core (node scripts/build-core.mjs --outdir out/NAME/core, renderer beside it in
// out/NAME/renderer), so one engineer's build does not swap out/ under another's run.
const cli = process.env.PMSYNC_E2E_CLI ? path.resolve(process.env.PMSYNC_E2E_CLI) : path.join(repo, 'bin', 'pmsync.mjs');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`pmsync ${args.join(' ')} failed (${code}): ${err}`))));
  });
}

/** Starts `pmsync serve` on a fresh encrypted profile and resolves with the tokened URL. */
export async function serveFreshProfile(): Promise<ServedProfile> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmsync-e2e-'));
  const env = { ...process.env, PMSYNC_PASSPHRASE: 'e2e passphrase' };
  await run(['--profile', profileDir, 'init'], env);
  const child: ChildProcess = spawn(process.execPath, [cli, '--profile', profileDir, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith('http://127.0.0.1:'));
      if (line) resolve(line.trim());
    });
    child.on('exit', (code) => reject(new Error(`pmsync serve exited (${code}): ${stderr}`)));
  });
  return {
    url,
    profileDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          fs.rmSync(profileDir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** A local HTTP server that counts requests: remote content must not reach it until allowed. */
export async function startPixelServer(): Promise<{ url: string; hits: (pathPrefix?: string) => number; close: () => Promise<void> }> {
  const paths: string[] = [];
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/gif' });
    res.end(gif);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, hits: (prefix = '/') => paths.filter((p) => p.startsWith(prefix)).length, close: () => new Promise((r) => server.close(() => r())) };
}

export const test = base.extend<{ served: ServedProfile }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies, and this one has none.
  served: async ({}, use) => {
    const served = await serveFreshProfile();
    await use(served);
    await served.stop();
  },
});
export { expect } from '@playwright/test';
