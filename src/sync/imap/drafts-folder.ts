import type { ImapFlow } from 'imapflow';
import { PmsyncError } from '../../shared/errors';
import type { ImapAccountConfig } from './account';
import { withShortConnection } from './short-connection';

/**
 * The server copy of a draft, in the account's Drafts folder. Each draft keeps one Message-ID
 * for its whole life, so "the previous versions" are simply the messages in Drafts with that
 * Message-ID: found by SEARCH, not by a remembered UID, which makes every step safe to repeat
 * after a crash (an APPEND whose UID was never recorded is found and replaced next time).
 * Short connections of their own, as for Sent (sent-folder.ts): this works in one-shot CLI
 * commands too, where no sync engine runs.
 */

async function draftsPath(client: ImapFlow, create: boolean): Promise<string | undefined> {
  const list = await client.list();
  const found = (list.find((m) => m.specialUse === '\\Drafts') ?? list.find((m) => /^drafts?$/i.test(m.name)))?.path;
  if (found || !create) return found;
  await client.mailboxCreate('Drafts').catch(() => undefined);
  return 'Drafts';
}

async function uidsWithMessageId(client: ImapFlow, messageId: string): Promise<number[]> {
  const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
  return Array.isArray(found) ? found : [];
}

export interface StoredDraftCopy {
  path: string;
  /** The new copy's UID when the server told it (UIDPLUS). */
  uid: number | null;
}

/** APPENDs this version (\Draft, \Seen), then removes every older copy with the same Message-ID. */
export function replaceDraftCopy(config: ImapAccountConfig, messageId: string, raw: Buffer): Promise<StoredDraftCopy> {
  return withShortConnection(config, async (client) => {
    const path = await draftsPath(client, true);
    if (!path) throw new PmsyncError('SERVER_ERROR', 'The server has no Drafts folder and did not let PMSync create one.', 'Create a Drafts folder on the server.');
    await client.mailboxOpen(path);
    const previous = await uidsWithMessageId(client, messageId);
    const appended = await client.append(path, raw, ['\\Draft', '\\Seen']);
    const uid = appended && typeof appended.uid === 'number' ? appended.uid : null;
    // Old copies go only after the new one is stored: the server never has none.
    const stale = previous.filter((u) => u !== uid);
    if (stale.length > 0) await client.messageDelete(stale.join(','), { uid: true });
    return { path, uid };
  });
}

/** Removes every copy of the draft from Drafts (discarded, or sent). Returns how many went. */
export function removeDraftCopies(config: ImapAccountConfig, messageId: string): Promise<number> {
  return withShortConnection(config, async (client) => {
    const path = await draftsPath(client, false);
    if (!path) return 0;
    await client.mailboxOpen(path);
    const uids = await uidsWithMessageId(client, messageId);
    if (uids.length > 0) await client.messageDelete(uids.join(','), { uid: true });
    return uids.length;
  });
}
