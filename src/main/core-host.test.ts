import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MainToCore } from '../shared/host-protocol';
import { answerSafeStorage, startCoreHost, type SafeStorageLike } from './core-host';
import type { Logger } from './logger';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A reversible stand-in for Electron's safeStorage (which needs the Electron binary): it
 * prefixes and XORs, so a wrong encoding on main's side shows up as a wrong key.
 */
const xorStorage: SafeStorageLike = {
  encryptString: (text) => Buffer.concat([Buffer.from('v10'), Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)]),
  decryptString: (data) => {
    if (data.subarray(0, 3).toString() !== 'v10') throw new Error('not ours');
    return Buffer.from(data.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
  },
};

interface FakePort {
  name: string;
}

/** Plays the core: records what main posts and lets the test send messages or exit. */
function fakeCore() {
  const posted: Array<{ message: MainToCore; transfer?: FakePort[] }> = [];
  let handlers: { onMessage(m: unknown): void; onExit(code: number): void } | null = null;
  let killed = false;
  let channels = 0;
  const host = startCoreHost<FakePort>({
    profileDir: '/home/ann/.config/PMSync/profile',
    keySource: 'safeStorage',
    safeStorage: xorStorage,
    log: quiet,
    createChannel: () => {
      channels++;
      return { port1: { name: `core-${channels}` }, port2: { name: `client-${channels}` } };
    },
    start(h) {
      handlers = h;
      return {
        post: (message, transfer) => posted.push({ message, transfer }),
        kill: () => {
          killed = true;
        },
      };
    },
  });
  return {
    host,
    posted,
    send: (m: unknown) => handlers!.onMessage(m),
    exit: (code: number) => handlers!.onExit(code),
    killed: () => killed,
  };
}

describe('answerSafeStorage', () => {
  it('round-trips a 256-bit key through encrypt and decrypt as base64', () => {
    const key = randomBytes(32);
    const wrapped = answerSafeStorage({ type: 'safeStorage', id: 1, op: 'encrypt', dataBase64: key.toString('base64') }, xorStorage);
    expect(wrapped).toMatchObject({ type: 'safeStorageResult', id: 1, ok: true });
    expect(Buffer.from(wrapped.dataBase64!, 'base64').equals(key)).toBe(false);
    const unwrapped = answerSafeStorage({ type: 'safeStorage', id: 2, op: 'decrypt', dataBase64: wrapped.dataBase64! }, xorStorage);
    expect(unwrapped).toMatchObject({ type: 'safeStorageResult', id: 2, ok: true });
    expect(Buffer.from(unwrapped.dataBase64!, 'base64').equals(key)).toBe(true);
  });

  it('reports a failure as data, naming the operation', () => {
    const result = answerSafeStorage({ type: 'safeStorage', id: 7, op: 'decrypt', dataBase64: Buffer.from('garbage').toString('base64') }, xorStorage);
    expect(result.ok).toBe(false);
    expect(result.id).toBe(7);
    expect(result.error).toMatch(/could not decrypt the profile key: not ours/);
  });
});

describe('startCoreHost', () => {
  it('sends init with the profile and key source first', () => {
    const core = fakeCore();
    expect(core.posted[0]).toEqual({ message: { type: 'init', profileDir: '/home/ann/.config/PMSync/profile', keySource: 'safeStorage' }, transfer: undefined });
  });

  it('holds connections until ready, then hands one port to the core and returns the other', async () => {
    const core = fakeCore();
    const pending = core.host.connect('window-1');
    await Promise.resolve();
    expect(core.posted.filter((p) => p.message.type === 'connect')).toHaveLength(0);
    core.send({ type: 'ready' });
    await expect(core.host.started).resolves.toEqual({ ok: true });
    await expect(pending).resolves.toEqual({ name: 'client-1' });
    expect(core.posted[1]).toEqual({ message: { type: 'connect', clientName: 'window-1' }, transfer: [{ name: 'core-1' }] });
  });

  it('answers safeStorage requests on the same channel', () => {
    const core = fakeCore();
    const key = randomBytes(32).toString('base64');
    core.send({ type: 'safeStorage', id: 3, op: 'encrypt', dataBase64: key });
    const answer = core.posted[1].message;
    expect(answer).toMatchObject({ type: 'safeStorageResult', id: 3, ok: true });
  });

  it('reports fatal with its hint and refuses connections', async () => {
    const core = fakeCore();
    core.send({ type: 'fatal', code: 'WRONG_PASSPHRASE', message: 'The profile key does not open the database.', hint: 'Restore the keychain entry.' });
    await expect(core.host.started).resolves.toEqual({ ok: false, code: 'WRONG_PASSPHRASE', message: 'The profile key does not open the database.', hint: 'Restore the keychain entry.' });
    await expect(core.host.connect('window-1')).resolves.toBeNull();
    core.send({ type: 'ready' }); // too late: a failed start stays failed
    await expect(core.host.connect('window-2')).resolves.toBeNull();
  });

  it('reports an exit during start as a failure with a next step', async () => {
    const core = fakeCore();
    core.exit(9);
    const result = await core.host.started;
    expect(result).toMatchObject({ ok: false, code: 'CORE_EXITED' });
    expect(result.ok === false && result.message).toMatch(/exit code 9/);
    expect(result.ok === false && result.hint).toMatch(/Restart PMSync/);
  });

  it('ignores malformed messages from the core', async () => {
    const core = fakeCore();
    core.send({ type: 'ready', extra: true, nested: { type: 'fatal' } }); // extra keys are tolerated by zod objects
    core.send('ready');
    core.send({ type: 'safeStorage', id: 'x', op: 'encrypt', dataBase64: '' });
    core.send(null);
    await expect(core.host.started).resolves.toEqual({ ok: true });
    expect(core.posted).toHaveLength(1);
  });

  it('tells listeners about an unexpected exit after ready, not about a requested one', async () => {
    const core = fakeCore();
    const exits: number[] = [];
    core.host.onUnexpectedExit((code) => exits.push(code));
    core.send({ type: 'ready' });
    await core.host.started;
    core.exit(134);
    expect(exits).toEqual([134]);

    const second = fakeCore();
    const secondExits: number[] = [];
    second.host.onUnexpectedExit((code) => secondExits.push(code));
    second.send({ type: 'ready' });
    await second.host.started;
    const stopping = second.host.shutdown(1000);
    second.exit(0);
    await stopping;
    expect(secondExits).toEqual([]);
  });

  it('shuts down cleanly when the core exits in time', async () => {
    const core = fakeCore();
    core.send({ type: 'ready' });
    await core.host.started;
    const stopping = core.host.shutdown(1000);
    expect(core.posted.at(-1)?.message).toEqual({ type: 'shutdown' });
    setTimeout(() => core.exit(0), 5);
    await stopping;
    expect(core.killed()).toBe(false);
    await expect(core.host.connect('late')).resolves.toBeNull();
  });

  it('kills a core that does not exit within the timeout', async () => {
    const core = fakeCore();
    core.send({ type: 'ready' });
    await core.host.started;
    const before = Date.now();
    await core.host.shutdown(30);
    expect(Date.now() - before).toBeGreaterThanOrEqual(25);
    expect(core.killed()).toBe(true);
  });

  it('settles a pending start when quitting before the core was ready', async () => {
    const core = fakeCore();
    const pending = core.host.connect('window-1');
    const stopping = core.host.shutdown(1000);
    await expect(pending).resolves.toBeNull();
    await expect(core.host.started).resolves.toMatchObject({ ok: false, code: 'SHUTTING_DOWN' });
    core.exit(0);
    await stopping;
  });

  it('does nothing on shutdown when the core already exited', async () => {
    const core = fakeCore();
    core.exit(1);
    await core.host.shutdown(1000);
    expect(core.posted.map((p) => p.message.type)).toEqual(['init']);
  });
});
