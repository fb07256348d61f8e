import crypto from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { z } from 'zod';
import { PmsyncError } from '../../shared/errors';
import { deleteKeychainKey, readKeychainKey, storeKeychainKey } from './keychain';
import { writeFileAtomic } from './profile-files';
import type { KeySource, Unlock } from './types';

/**
 * keyring.json holds the 256-bit data key wrapped by one key source, never the key itself.
 * `dbSalt` is the SQLCipher salt at the start of pmsync.db (the file's first 16 bytes, not
 * secret): when the key fails to open the database it tells "keyring from another profile"
 * apart from "damaged database".
 */
const scryptAsync = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, options: crypto.ScryptOptions,
) => Promise<Buffer>;

export const DATA_KEY_BYTES = 32;
/** N=2^15, r=8, p=1: ~60 ms here; enough to slow guessing, not enough to annoy a CLI user. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 128 * SCRYPT.N * SCRYPT.r * 2;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const common = { version: z.literal(1), dbSalt: b64.optional() };
const KeyringFile = z.discriminatedUnion('kind', [
  z.object({
    ...common,
    kind: z.literal('passphrase'),
    kdf: z.object({ name: z.literal('scrypt'), N: z.number().int().min(1024).max(2 ** 22), r: z.number().int().min(1).max(32), p: z.number().int().min(1).max(16), salt: b64 }),
    wrap: z.object({ name: z.literal('aes-256-gcm'), iv: b64, tag: b64, ciphertext: b64 }),
  }),
  z.object({ ...common, kind: z.literal('keychain'), service: z.string().min(1), account: z.string().min(1) }),
  z.object({ ...common, kind: z.literal('safeStorage'), wrapped: b64 }),
]);
export type KeyringFile = z.infer<typeof KeyringFile>;

const KEYCHAIN_SERVICE = 'PMSync';

function keyringProblem(keyringPath: string, what: string): PmsyncError {
  return new PmsyncError(
    'DB_CORRUPT',
    `The profile's key file ${keyringPath} is ${what}; without it the encrypted database cannot be opened.`,
    'Restore keyring.json from a backup of this profile folder (it must come from the same profile), or restore the profile from your export.',
  );
}

function wrongPassphrase(): PmsyncError {
  return new PmsyncError('WRONG_PASSPHRASE', 'The passphrase does not open this profile.', 'Check the passphrase (it is case-sensitive) and try again.');
}

function aad(kind: KeySource): Buffer {
  return Buffer.from(`pmsync-keyring-v1:${kind}`);
}

async function deriveWrappingKey(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return scryptAsync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: Math.max(SCRYPT_MAXMEM, 128 * params.N * params.r * 2) });
}

/** Wraps a fresh data key with the chosen source; keychain stores the key in the OS keychain. */
export async function wrapDataKey(dataKey: Buffer, unlock: Unlock, profileDir: string): Promise<KeyringFile> {
  if (unlock.kind === 'passphrase') {
    if (unlock.passphrase.length === 0) {
      throw new PmsyncError('INVALID_INPUT', 'An empty passphrase cannot protect a profile.', 'Choose a passphrase of a few words.');
    }
    const salt = crypto.randomBytes(16);
    const iv = crypto.randomBytes(12);
    const wrappingKey = await deriveWrappingKey(unlock.passphrase, salt, SCRYPT);
    const cipher = crypto.createCipheriv('aes-256-gcm', wrappingKey, iv);
    cipher.setAAD(aad('passphrase'));
    const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return {
      version: 1, kind: 'passphrase',
      kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
      wrap: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') },
    };
  }
  if (unlock.kind === 'keychain') {
    await storeKeychainKey(KEYCHAIN_SERVICE, profileDir, dataKey);
    return { version: 1, kind: 'keychain', service: KEYCHAIN_SERVICE, account: profileDir };
  }
  const wrapped = await unlock.encrypt(dataKey);
  return { version: 1, kind: 'safeStorage', wrapped: wrapped.toString('base64') };
}

/** Unwraps the data key; a wrong passphrase is caught by the GCM tag before the database is touched. */
export async function unwrapDataKey(keyring: KeyringFile, unlock: Unlock): Promise<Buffer> {
  if (keyring.kind !== unlock.kind) {
    throw new PmsyncError(
      'WRONG_PASSPHRASE',
      `This profile is protected by ${describeSource(keyring.kind)}, not by ${describeSource(unlock.kind)}.`,
      keyring.kind === 'passphrase' ? 'Open it with its passphrase (`--passphrase` or PMSYNC_PASSPHRASE).' : 'Open it from the PMSync app on the computer and user account that created it.',
    );
  }
  let key: Buffer;
  if (keyring.kind === 'passphrase' && unlock.kind === 'passphrase') {
    const { N, r, p, salt } = keyring.kdf;
    const wrappingKey = await deriveWrappingKey(unlock.passphrase, Buffer.from(salt, 'base64'), { N, r, p });
    const decipher = crypto.createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(keyring.wrap.iv, 'base64'));
    decipher.setAAD(aad('passphrase'));
    decipher.setAuthTag(Buffer.from(keyring.wrap.tag, 'base64'));
    try {
      key = Buffer.concat([decipher.update(Buffer.from(keyring.wrap.ciphertext, 'base64')), decipher.final()]);
    } catch {
      throw wrongPassphrase();
    }
  } else if (keyring.kind === 'keychain') {
    key = await readKeychainKey(keyring.service, keyring.account);
  } else if (unlock.kind === 'safeStorage' && keyring.kind === 'safeStorage') {
    try {
      key = await unlock.decrypt(Buffer.from(keyring.wrapped, 'base64'));
    } catch (err) {
      throw new PmsyncError(
        'WRONG_PASSPHRASE',
        `The system key store could not unwrap this profile's key (${err instanceof Error ? err.message : String(err)}).`,
        'Open the profile as the same user on the computer that created it, or restore it from your export.',
      );
    }
  } else {
    throw new PmsyncError('INTERNAL', 'Unknown key source.');
  }
  if (key.length !== DATA_KEY_BYTES) {
    throw new PmsyncError('DB_CORRUPT', `The unwrapped profile key has ${key.length} bytes instead of ${DATA_KEY_BYTES}.`, 'Restore keyring.json from a backup of this profile folder.');
  }
  return key;
}

function describeSource(kind: KeySource): string {
  return kind === 'passphrase' ? 'a passphrase' : kind === 'keychain' ? 'the OS keychain' : 'the system key store (Electron safeStorage)';
}

export function readKeyring(keyringPath: string): KeyringFile {
  let text: string;
  try {
    text = fs.readFileSync(keyringPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw keyringProblem(keyringPath, 'missing');
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw keyringProblem(keyringPath, 'not valid JSON (damaged)');
  }
  const parsed = KeyringFile.safeParse(json);
  if (!parsed.success) throw keyringProblem(keyringPath, 'damaged or from an unknown PMSync version');
  return parsed.data;
}

export function writeKeyring(keyringPath: string, keyring: KeyringFile): void {
  writeFileAtomic(keyringPath, `${JSON.stringify(keyring, null, 2)}\n`);
}

/** Undo of wrapDataKey for a failed init, so no orphan secret stays in the keychain. */
export async function discardWrappedKey(keyring: KeyringFile): Promise<void> {
  if (keyring.kind === 'keychain') await deleteKeychainKey(keyring.service, keyring.account).catch(() => undefined);
}

/** The raw-key PRAGMA value SQLCipher expects: x'<64 hex digits>'. */
export function rawKeyPragma(dataKey: Buffer): string {
  return `key="x'${dataKey.toString('hex')}'"`;
}
