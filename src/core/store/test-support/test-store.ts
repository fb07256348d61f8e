import path from 'node:path';
import { openProfile } from '../index';
import type { Folder } from '../../../shared/api/mail';
import type { ProfileStore } from '../types';
import { PASS, tempDir } from './fixtures';

export interface TestStore {
  store: ProfileStore;
  inbox: Folder;
  accountId: number;
  dir: string;
  cleanup: () => void;
}

/** A real encrypted profile in a temp folder, with the local account and its Inbox. */
export async function openTestStore(): Promise<TestStore> {
  const t = tempDir();
  const dir = path.join(t.dir, 'profile');
  const store = await openProfile({ profileDir: dir, unlock: PASS, create: 'only' });
  const account = store.ensureLocalAccount();
  const inbox = store.listFolders(account.id)[0];
  return { store, inbox, accountId: account.id, dir, cleanup: () => { store.close(); t.cleanup(); } };
}
