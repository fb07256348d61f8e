import { PmsyncError } from '../../shared/errors';

/**
 * The OS keychain through keytar, an optional native dependency: it may be missing or fail to
 * load (no secret service, not built for this Node). It is imported lazily so the rest of the
 * store works without it.
 */
interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

function isKeytar(mod: unknown): mod is Keytar {
  const m = mod as Partial<Keytar> | null;
  return !!m && typeof m.getPassword === 'function' && typeof m.setPassword === 'function' && typeof m.deletePassword === 'function';
}

function unavailable(reason: string): PmsyncError {
  return new PmsyncError(
    'INVALID_INPUT',
    `The OS keychain is not available here (${reason}).`,
    'Protect the profile with a passphrase instead, or install a secret service (e.g. gnome-keyring) and the optional keytar module.',
  );
}

async function loadKeytar(): Promise<Keytar> {
  // A variable specifier keeps bundlers and tsc from requiring the optional module at build time.
  const specifier = 'keytar';
  let mod: unknown;
  try {
    mod = await import(specifier);
  } catch (err) {
    throw unavailable(`keytar could not be loaded: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const candidate = (mod as { default?: unknown }).default ?? mod;
  if (!isKeytar(candidate)) throw unavailable('keytar has an unexpected shape');
  return candidate;
}

async function call<T>(what: string, fn: (k: Keytar) => Promise<T>): Promise<T> {
  const keytar = await loadKeytar();
  try {
    return await fn(keytar);
  } catch (err) {
    throw unavailable(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function storeKeychainKey(service: string, account: string, key: Buffer): Promise<void> {
  await call('storing the key', (k) => k.setPassword(service, account, key.toString('hex')));
}

export async function readKeychainKey(service: string, account: string): Promise<Buffer> {
  const hex = await call('reading the key', (k) => k.getPassword(service, account));
  if (hex === null || !/^[0-9a-f]{64}$/i.test(hex)) {
    throw new PmsyncError(
      'WRONG_PASSPHRASE',
      `The OS keychain holds no key for this profile (service "${service}", account "${account}").`,
      'Open the profile as the user who created it, or restore it from your export.',
    );
  }
  return Buffer.from(hex, 'hex');
}

export async function deleteKeychainKey(service: string, account: string): Promise<void> {
  await call('deleting the key', (k) => k.deletePassword(service, account));
}
