// Runs the SMTP sink in a child process (bundled on the fly with esbuild), for callers whose own
// event loop is blocked while the code under test talks to it (spawnSync of the CLI).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

export interface SmtpSinkProcess {
  host: string;
  port: number;
  stop(): Promise<void>;
}

export async function startSmtpSinkProcess(options: { lmtpPort?: number } = {}): Promise<SmtpSinkProcess> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pmsync-smtp-sink-'));
  const outfile = path.join(dir, 'smtp-sink.cjs');
  buildSync({
    entryPoints: [fileURLToPath(new URL('./smtp-sink-main.ts', import.meta.url))],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'error',
    // Resolved from the repository's node_modules at run time.
    packages: 'external', nodePaths: [fileURLToPath(new URL('../../../../node_modules', import.meta.url))],
  });
  const env = { ...process.env, NODE_PATH: fileURLToPath(new URL('../../../../node_modules', import.meta.url)), ...(options.lmtpPort ? { LMTP_PORT: String(options.lmtpPort) } : {}) };
  const child = spawn(process.execPath, [outfile], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /port=(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`smtp sink exited (${code}) before listening`)));
  });
  return {
    host: '127.0.0.1',
    port,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
