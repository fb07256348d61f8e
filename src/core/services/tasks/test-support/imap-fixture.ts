import type { Folder } from '../../../../shared/api/mail';
import { parsedMessage } from '../../../store/test-support/fixtures';
import { connectionOf } from '../../../store/test-support/raw-profile';
import type { ProfileStore } from '../../../store/types';

export interface ImapFixture {
  accountId: number;
  inbox: Folder;
  trash: Folder;
  /** Local message ids, UIDs 1..n in INBOX (UIDVALIDITY 1000). */
  ids: number[];
}

/**
 * An IMAP account as the sync leaves it (tables of migration 0100): INBOX and Trash mapped to
 * the server, no Archive anywhere, `count` messages in INBOX with UIDs 1..count.
 */
export function seedImapAccount(store: ProfileStore, count: number): ImapFixture {
  const db = connectionOf(store);
  const accountId = Number(db.prepare("INSERT INTO accounts(kind, name, email, created_at) VALUES ('imap', 'Work', 'me@example.test', 0)").run().lastInsertRowid);
  const inbox = store.ensureFolder(accountId, 'INBOX', 'inbox');
  const trash = store.ensureFolder(accountId, 'Trash', 'trash');
  const mapFolder = db.prepare('INSERT INTO imap_folders(folder_id, account_id, remote_path, delimiter, uid_validity, uid_next) VALUES (?, ?, ?, ?, 1000, ?)');
  mapFolder.run(inbox.id, accountId, 'INBOX', '/', count + 1);
  mapFolder.run(trash.id, accountId, 'Trash', '/', 1);
  const ids = store.insertMessages(inbox.id, Array.from({ length: count }, (_, i) => parsedMessage({ subject: `Imap message ${i + 1}` }))).ids as number[];
  const mapMessage = db.prepare('INSERT INTO imap_messages(folder_id, uid, message_row, flags, size) VALUES (?, ?, ?, ?, 100)');
  ids.forEach((id, i) => mapMessage.run(inbox.id, i + 1, id, '[]'));
  return { accountId, inbox: store.getFolder(inbox.id)!, trash: store.getFolder(trash.id)!, ids };
}

/** (folder, uid) pairs a message row is mapped to on the server side. */
export function mappingOf(store: ProfileStore, messageId: number): { folderId: number; uid: number }[] {
  return connectionOf(store)
    .prepare('SELECT folder_id AS folderId, uid FROM imap_messages WHERE message_row = ? ORDER BY folder_id, uid')
    .all(messageId) as { folderId: number; uid: number }[];
}
