/**
 * Entry of the core when Electron main forks it with utilityProcess (bundled to out/core/utility.cjs).
 * Speaks src/shared/host-protocol.ts over process.parentPort; the API itself goes over the
 * MessagePorts main hands in with `connect`. Never imports electron: the few shapes it needs
 * are typed here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MainToCore, type CoreToMain } from '../shared/host-protocol';
import { PmsyncError, toErrorData } from '../shared/errors';
import { createDispatcher, type Dispatch } from './api/dispatch';
import { openCore, type Core } from './app';
import type { Unlock } from './store/types';
import { servePort, type MessagePortLike, type ServedPort } from './transport/port-transport';

/** Electron's `process.parentPort` in a utility process: a MessagePortMain-like endpoint. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: MessagePortLike[] }) => void): unknown;
  postMessage(message: CoreToMain): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function log(line: string): void {
  process.stderr.write(`[core] ${line}\n`);
}

/** Data-key wrapping through main's safeStorage: each request waits for its numbered answer. */
function safeStorageBridge(port: ParentPort) {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  const call = (op: 'encrypt' | 'decrypt', data: Buffer) => new Promise<Buffer>((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    port.postMessage({ type: 'safeStorage', id, op, dataBase64: data.toString('base64') });
  });
  return {
    unlock: { kind: 'safeStorage', encrypt: (b) => call('encrypt', b), decrypt: (b) => call('decrypt', b) } satisfies Unlock,
    settle(id: number, ok: boolean, dataBase64?: string, error?: string) {
      const entry = waiting.get(id);
      if (!entry) return;
      waiting.delete(id);
      if (ok && dataBase64 !== undefined) entry.resolve(Buffer.from(dataBase64, 'base64'));
      else entry.reject(new PmsyncError('PROFILE_LOCKED', `The system keychain refused to unlock the profile key: ${error ?? 'no data'}.`, 'Unlock your session keychain and restart PMSync.'));
    },
  };
}

function run(port: ParentPort): void {
  const bridge = safeStorageBridge(port);
  const served = new Set<ServedPort>();
  let core: Promise<{ core: Core; dispatch: Dispatch }> | null = null;

  const fatal = (err: unknown) => {
    const data = toErrorData(err);
    port.postMessage(data.hint === undefined
      ? { type: 'fatal', code: data.code, message: data.message }
      : { type: 'fatal', code: data.code, message: data.message, hint: data.hint });
  };

  port.on('message', ({ data, ports }) => {
    const parsed = MainToCore.safeParse(data);
    if (!parsed.success) return log('ignored a malformed message from main');
    const message = parsed.data;
    switch (message.type) {
      case 'init': {
        if (core) return log('ignored a second init');
        const workerScript = path.join(__dirname, 'parse-worker.cjs');
        const unlock: Unlock = message.keySource === 'safeStorage' ? bridge.unlock : { kind: 'keychain' };
        core = openCore({
          profileDir: message.profileDir,
          unlock,
          create: 'if-missing',
          workerScript: existsSync(workerScript) ? workerScript : undefined,
        }).then((c) => ({ core: c, dispatch: createDispatcher(c.handlers) }));
        core.then(() => port.postMessage({ type: 'ready' }), fatal);
        return;
      }
      case 'connect': {
        const clientPort = ports[0];
        if (!clientPort) return log(`connect from ${message.clientName} carried no port`);
        if (!core) return log(`connect from ${message.clientName} before init`);
        // Ports that arrive while the profile is still opening are served once it is open.
        core.then(({ core: c, dispatch }) => {
          const s: ServedPort = servePort(clientPort, { dispatch, events: c.events, onStopped: () => served.delete(s) });
          served.add(s);
        }, () => clientPort.close());
        return;
      }
      case 'safeStorageResult':
        return bridge.settle(message.id, message.ok, message.dataBase64, message.error);
      case 'shutdown': {
        for (const s of served) s.close();
        const closing = core ? core.then(({ core: c }) => c.close(), () => undefined) : Promise.resolve();
        closing.then(() => process.exit(0), (err: unknown) => {
          log(`shutdown: ${toErrorData(err).message}`);
          process.exit(1);
        });
        return;
      }
    }
  });
}

if (parentPort) {
  run(parentPort);
} else {
  process.stderr.write('pmsync: utility.cjs is started by the PMSync desktop app, not by hand.\nhint: use `pmsync` (the CLI) instead.\n');
  process.exitCode = 2;
}
