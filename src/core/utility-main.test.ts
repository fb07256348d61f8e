import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../shared/api/client';
import type { CoreToMain, MainToCore } from '../shared/host-protocol';
import { createPortClientTransport } from './transport/port-transport';

/**
 * The bundled utility entry, run in a worker thread whose `process.parentPort` imitates
 * Electron's (messages arrive as `{ data, ports }`). Main's side, including a stand-in for
 * safeStorage, is played by this test.
 */
const repo = path.resolve(__dirname, '..', '..');
// Inside the repo so the bundle's external native modules resolve from node_modules.
const outdir = path.join(repo, 'out', `.test-utility-${process.pid}`);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pmsync-utility-'));

const harness = (utilityScript: string) => `
  const { parentPort } = require('node:worker_threads');
  process.parentPort = {
    on: (event, listener) => parentPort.on(event, (m) => listener({ data: m.data, ports: m.ports || [] })),
    postMessage: (message) => parentPort.postMessage(message),
  };
  require(${JSON.stringify(utilityScript)});
`;

/** Stand-in for Electron safeStorage: reversible, and visibly not the identity. */
const fakeSafeStorage = (data: Buffer) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('base64');

function startCore(): { worker: Worker; send(message: MainToCore, ports?: MessagePort[]): void; next(type: CoreToMain['type']): Promise<CoreToMain>; safeStorageCalls: string[] } {
  const worker = new Worker(harness(path.join(outdir, 'utility.cjs')), { eval: true, stderr: true });
  const safeStorageCalls: string[] = [];
  const waiting: Array<{ type: string; resolve: (m: CoreToMain) => void }> = [];
  const send = (message: MainToCore, ports: MessagePort[] = []) => worker.postMessage({ data: message, ports }, ports as never[]);
  worker.on('message', (m: CoreToMain) => {
    if (m.type === 'safeStorage') {
      safeStorageCalls.push(m.op);
      send({ type: 'safeStorageResult', id: m.id, ok: true, dataBase64: fakeSafeStorage(Buffer.from(m.dataBase64, 'base64')) });
      return;
    }
    const i = waiting.findIndex((w) => w.type === m.type || m.type === 'fatal');
    if (i >= 0) waiting.splice(i, 1)[0].resolve(m);
  });
  const next = (type: CoreToMain['type']) => new Promise<CoreToMain>((resolve) => waiting.push({ type, resolve }));
  return { worker, send, next, safeStorageCalls };
}

beforeAll(() => {
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'build-core.mjs'), '--outdir', outdir], { cwd: repo, stdio: 'pipe' });
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

describe('utility-main (the core in Electron utilityProcess)', () => {
  it('creates a safeStorage profile, serves the API on a handed-in port, shuts down, and reopens', async () => {
    const profileDir = path.join(tmp, 'profile');
    const first = startCore();
    const ready = first.next('ready');
    first.send({ type: 'init', profileDir, keySource: 'safeStorage' });
    // A client connecting before `ready` is served once the profile is open.
    const { port1, port2 } = new MessageChannel();
    first.send({ type: 'connect', clientName: 'window-1' }, [port2 as unknown as MessagePort]);
    expect(await ready).toEqual({ type: 'ready' });
    expect(first.safeStorageCalls[0]).toBe('encrypt'); // the new data key was wrapped through main

    const transport = createPortClientTransport(port1);
    const client = createApiClient(transport);
    expect(await client.api.app.info()).toMatchObject({ profileDir, keySource: 'safeStorage', messages: 0 });
    expect(await client.invoke('__proto__', {}).catch((e: unknown) => e)).toMatchObject({ code: 'UNKNOWN_METHOD' });

    const exited = new Promise((resolve) => first.worker.on('exit', resolve));
    first.send({ type: 'shutdown' });
    expect(await exited).toBe(0);
    client.dispose();
    transport.close();

    const second = startCore();
    const again = second.next('ready');
    second.send({ type: 'init', profileDir, keySource: 'safeStorage' });
    expect(await again).toEqual({ type: 'ready' });
    expect(second.safeStorageCalls).toEqual(['decrypt']); // reopening only unwraps
    await second.worker.terminate();
  });

  it('reports a profile it cannot unlock as fatal, with the store code', async () => {
    const core = startCore();
    const fatal = core.next('fatal');
    // The profile from the first test is safeStorage-wrapped; asking for the keychain must fail cleanly.
    core.send({ type: 'init', profileDir: path.join(tmp, 'profile'), keySource: 'keychain' });
    const message = await fatal;
    expect(message.type).toBe('fatal');
    if (message.type === 'fatal') {
      expect(message.code).not.toBe('INTERNAL');
      expect(message.message.length).toBeGreaterThan(10);
    }
    await core.worker.terminate();
  });
});
