import { CoreToMain, type MainToCore } from '../shared/host-protocol';
import type { DesktopKeySource } from './key-source';
import type { Logger } from './logger';

/**
 * Main's side of the host protocol: starts the core, hands it the profile, answers its
 * safeStorage requests, hands out ports once it is ready, and stops it on quit.
 *
 * Electron is injected (`start`, `createChannel`, `safeStorage`) so this logic is unit-tested
 * without the Electron binary; `core-process.ts` provides the real utilityProcess wiring.
 */

/** The running child as main sees it. */
export interface CoreChild<Port> {
  post(message: MainToCore, transfer?: Port[]): void;
  kill(): void;
}

export interface CoreHostDeps<Port> {
  /** Forks the core and routes its messages and exit to the handlers. */
  start(handlers: { onMessage(message: unknown): void; onExit(code: number): void }): CoreChild<Port>;
  /** A fresh channel: `port1` goes to the core, `port2` to the client. */
  createChannel(): { port1: Port; port2: Port };
  safeStorage: SafeStorageLike;
  profileDir: string;
  keySource: DesktopKeySource;
  log: Logger;
}

/** The two calls main makes on Electron's safeStorage. */
export interface SafeStorageLike {
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export type CoreStartResult = { ok: true } | { ok: false; code: string; message: string; hint: string };

export interface CoreHost<Port> {
  /** Settles once: ready, or why the core could not start. Never rejects. */
  readonly started: Promise<CoreStartResult>;
  /** A port to the core for one client, once the core is ready; null if it is not running. */
  connect(clientName: string): Promise<Port | null>;
  /** Called when the core exits after it was ready and before shutdown() was asked. */
  onUnexpectedExit(listener: (code: number) => void): () => void;
  /** Asks the core to close the store cleanly; kills it after `timeoutMs`. */
  shutdown(timeoutMs: number): Promise<void>;
}

const START_HINT = 'Restart PMSync. If it keeps happening, run `pmsync doctor` and report the log.';

/**
 * Answers a safeStorage request. The key travels as base64; safeStorage encrypts strings, so
 * the base64 text itself is what gets wrapped, and unwrapping gives that base64 text back.
 */
export function answerSafeStorage(
  request: Extract<CoreToMain, { type: 'safeStorage' }>,
  safeStorage: SafeStorageLike,
): Extract<MainToCore, { type: 'safeStorageResult' }> {
  try {
    if (request.op === 'encrypt') {
      const wrapped = safeStorage.encryptString(request.dataBase64);
      return { type: 'safeStorageResult', id: request.id, ok: true, dataBase64: Buffer.from(wrapped).toString('base64') };
    }
    const plain = safeStorage.decryptString(Buffer.from(request.dataBase64, 'base64'));
    return { type: 'safeStorageResult', id: request.id, ok: true, dataBase64: plain };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { type: 'safeStorageResult', id: request.id, ok: false, error: `The system key store could not ${request.op} the profile key: ${reason}` };
  }
}

export function startCoreHost<Port>(deps: CoreHostDeps<Port>): CoreHost<Port> {
  let state: 'starting' | 'ready' | 'failed' | 'stopping' | 'exited' = 'starting';
  let settleStart!: (result: CoreStartResult) => void;
  const started = new Promise<CoreStartResult>((resolve) => {
    settleStart = resolve;
  });
  let notifyExited!: () => void;
  const exited = new Promise<void>((resolve) => {
    notifyExited = resolve;
  });
  const exitListeners = new Set<(code: number) => void>();

  const fail = (result: Extract<CoreStartResult, { ok: false }>) => {
    if (state !== 'starting') return;
    state = 'failed';
    settleStart(result);
  };

  const onMessage = (raw: unknown) => {
    const parsed = CoreToMain.safeParse(raw);
    if (!parsed.success) {
      deps.log.warn('ignored a malformed message from the core');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        if (state === 'starting') {
          state = 'ready';
          deps.log.info('core ready');
          settleStart({ ok: true });
        }
        return;
      case 'fatal':
        deps.log.error(`core failed to start: ${message.code}: ${message.message}`);
        fail({ ok: false, code: message.code, message: message.message, hint: message.hint ?? START_HINT });
        return;
      case 'safeStorage':
        child.post(answerSafeStorage(message, deps.safeStorage));
        return;
    }
  };

  const onExit = (code: number) => {
    const previous = state;
    state = 'exited';
    notifyExited();
    if (previous === 'starting') {
      deps.log.error(`core exited while starting (code ${code})`);
      settleStart({ ok: false, code: 'CORE_EXITED', message: `PMSync's background service stopped while starting (exit code ${code}).`, hint: START_HINT });
    } else if (previous === 'ready') {
      deps.log.error(`core exited unexpectedly (code ${code})`);
      for (const listener of [...exitListeners]) listener(code);
    } else {
      deps.log.info(`core exited (code ${code})`);
    }
  };

  const child = deps.start({ onMessage, onExit });
  child.post({ type: 'init', profileDir: deps.profileDir, keySource: deps.keySource });

  return {
    started,
    async connect(clientName) {
      const result = await started;
      if (!result.ok || state !== 'ready') return null;
      const { port1, port2 } = deps.createChannel();
      child.post({ type: 'connect', clientName }, [port1]);
      return port2;
    },
    onUnexpectedExit(listener) {
      exitListeners.add(listener);
      return () => {
        exitListeners.delete(listener);
      };
    },
    async shutdown(timeoutMs) {
      if (state === 'exited') return;
      if (state === 'starting') fail({ ok: false, code: 'SHUTTING_DOWN', message: 'PMSync is quitting.', hint: 'Start PMSync again.' });
      state = 'stopping';
      try {
        child.post({ type: 'shutdown' });
      } catch (err) {
        deps.log.warn(`could not ask the core to shut down: ${err instanceof Error ? err.message : String(err)}`);
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([exited.then(() => 'exited' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        deps.log.warn(`core did not exit within ${timeoutMs} ms; killing it`);
        child.kill();
      }
    },
  };
}
