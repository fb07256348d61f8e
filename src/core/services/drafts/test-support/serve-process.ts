// Test helper: the real `pmsync` CLI, bundled privately (never racing over out/core), run as
// child processes: one-shot commands and `pmsync serve`, reached over its WebSocket API with
// the typed client, so a test can SIGKILL the core and start it again on the same profile.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import WebSocket from 'ws';
import { createApiClient, type ClientTransport, type ConnectedClient } from '../../../../shared/api/client';
import type { WireMessage } from '../../../../shared/api/contract';

const repo = path.resolve(__dirname, '..', '..', '..', '..', '..');
const nodeModules = path.join(repo, 'node_modules');

export interface CliRun { code: number | null; stdout: string; stderr: string }

export interface ServeProcess {
  client: ConnectedClient;
  child: ChildProcess;
  /** SIGKILL: no shutdown code runs, exactly like a crash or a power cut. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  stderr(): string;
}

export interface PmsyncProcesses {
  profile: string;
  run(args: string[], env?: Record<string, string>): Promise<CliRun>;
  serve(): Promise<ServeProcess>;
  cleanup(): void;
}

export function pmsyncProcesses(passphrase: string): PmsyncProcesses {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pmsync-proc-'));
  const cli = path.join(dir, 'cli.cjs');
  buildSync({
    absWorkingDir: repo, entryPoints: [path.join(repo, 'src', 'core', 'cli.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    outfile: cli, logLevel: 'error', packages: 'external', nodePaths: [nodeModules],
  });
  const profile = path.join(dir, 'profile');
  const baseEnv = { PATH: process.env.PATH ?? '', HOME: dir, NODE_PATH: nodeModules, PMSYNC_PASSPHRASE: passphrase };
  const start = (args: string[], env: Record<string, string> = {}) =>
    spawn(process.execPath, [cli, '--profile', profile, ...args], { env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

  return {
    profile,
    run(args, env) {
      const child = start(args, env);
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
    },
    async serve() {
      const child = start(['serve', '--port', '0']);
      let stdout = '';
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const url = await new Promise<URL>((resolve, reject) => {
        child.stdout?.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = /^(http:\/\/\S+)$/m.exec(stdout);
          if (m) resolve(new URL(m[1]));
        });
        child.once('exit', (code) => reject(new Error(`pmsync serve exited (${code}) before listening: ${stderr}`)));
      });
      const ws = new WebSocket(`ws://${url.host}/api?token=${encodeURIComponent(url.searchParams.get('token') ?? '')}`);
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      const client = createApiClient(transportOf(ws));
      const finish = async (signal: NodeJS.Signals) => {
        client.dispose();
        ws.terminate();
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await exited;
      };
      return { client, child, kill: () => finish('SIGKILL'), stop: () => finish('SIGTERM'), stderr: () => stderr };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function transportOf(ws: WebSocket): ClientTransport {
  return {
    send: (m) => ws.send(JSON.stringify(m)),
    onMessage(listener) {
      const cb = (data: WebSocket.RawData) => listener(JSON.parse(String(data)) as WireMessage);
      ws.on('message', cb);
      return () => ws.off('message', cb);
    },
  };
}
