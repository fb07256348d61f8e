import type { Account, Folder, FolderRole } from '../../../shared/api/mail';
import type { ParsedMessage } from '../../mail/types';
import type { InsertResult, ProfileStore } from '../../store/types';

/**
 * The few ProfileStore methods the import pipeline calls, kept in memory, for unit tests of
 * the pipeline alone (the integration test uses the real encrypted store).
 */
export class InMemoryImportStore {
  readonly folders: Folder[] = [];
  readonly messages = new Map<number, ParsedMessage[]>();
  readonly batchSizes: number[] = [];
  private account: Account | null = null;

  ensureLocalAccount(): Account {
    this.account ??= { id: 1, kind: 'local', name: 'Local Folders', email: null };
    if (!this.folders.some((f) => f.role === 'inbox')) this.ensureFolder(1, 'Inbox', 'inbox');
    return this.account;
  }

  ensureFolder(accountId: number, path: string, role: FolderRole | null = null): Folder {
    const found = this.folders.find((f) => f.accountId === accountId && f.path === path);
    if (found) return found;
    const folder: Folder = { id: this.folders.length + 1, accountId, name: path.split('/').pop() ?? path, path, role, unreadCount: 0, totalCount: 0 };
    this.folders.push(folder);
    return folder;
  }

  insertMessages(folderId: number, batch: ParsedMessage[]): InsertResult {
    this.batchSizes.push(batch.length);
    const list = this.messages.get(folderId) ?? [];
    this.messages.set(folderId, list);
    const ids: (number | null)[] = [];
    for (const m of batch) {
      if (list.some((x) => x.messageId === m.messageId && x.rawSize === m.rawSize)) {
        ids.push(null);
        continue;
      }
      list.push(m);
      ids.push(list.length);
    }
    const inserted = ids.filter((i) => i !== null).length;
    return { ids, inserted, duplicates: batch.length - inserted, folderIds: inserted ? [folderId] : [] };
  }

  folderByPath(path: string): Folder | undefined {
    return this.folders.find((f) => f.path === path);
  }

  asProfileStore(): ProfileStore {
    return this as unknown as ProfileStore;
  }
}
