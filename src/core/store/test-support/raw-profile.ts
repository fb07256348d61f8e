import { openEncryptedDatabase, type Db } from '../connection';
import { readKeyring, unwrapDataKey } from '../keyring';
import { profilePaths } from '../profile-files';
import { SqliteProfileStore } from '../sqlite-profile-store';
import type { ProfileStore, Unlock } from '../types';

/** Opens pmsync.db of a closed profile directly (no lock, no migrations), to tamper with it in tests. */
export async function openRawDatabase(profileDir: string, unlock: Unlock): Promise<Db> {
  const paths = profilePaths(profileDir);
  const keyring = readKeyring(paths.keyring);
  const key = await unwrapDataKey(keyring, unlock);
  return openEncryptedDatabase(paths.db, key, paths.dir, keyring.dbSalt);
}

export function connectionOf(store: ProfileStore): Db {
  if (!(store instanceof SqliteProfileStore)) throw new Error('not a SqliteProfileStore');
  return store.connection;
}
