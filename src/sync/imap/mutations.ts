import type { ImapFlow } from 'imapflow';
import { toSequenceSet } from './fetched-message';

/** Runs `fn` on a connected client; the engine decides which connection. */
export type WithClient = <T>(fn: (client: ImapFlow) => Promise<T>) => Promise<T>;

export interface FlagEdit {
  add?: string[];
  remove?: string[];
}

/**
 * The remote steps of the core's tasks (mark read, flag, move, delete, save a draft). Each is
 * one idempotent-enough IMAP operation on UIDs; the local step already happened in the store.
 */
export class ImapMutations {
  constructor(private readonly withClient: WithClient) {}

  async setFlags(path: string, uids: number[], edit: FlagEdit): Promise<void> {
    if (uids.length === 0) return;
    await this.inFolder(path, async (client) => {
      const range = toSequenceSet(uids);
      if (edit.add?.length) await client.messageFlagsAdd(range, edit.add, { uid: true });
      if (edit.remove?.length) await client.messageFlagsRemove(range, edit.remove, { uid: true });
    });
  }

  /**
   * MOVE where the server has it, else COPY + \Deleted + UID EXPUNGE (imapflow picks).
   * Returns source UID → destination UID when the server reports it (UIDPLUS).
   */
  async move(path: string, uids: number[], destination: string): Promise<Map<number, number>> {
    if (uids.length === 0) return new Map();
    return this.inFolder(path, async (client) => {
      const result = await client.messageMove(toSequenceSet(uids), destination, { uid: true });
      if (result === false) throw Object.assign(new Error(`Moving messages to "${destination}" failed`), { code: 'MoveFailed' });
      return result.uidMap ?? new Map();
    });
  }

  /** Permanently removes the messages (UID EXPUNGE, so nothing else marked \Deleted goes). */
  async expunge(path: string, uids: number[]): Promise<void> {
    if (uids.length === 0) return;
    await this.inFolder(path, async (client) => {
      await client.messageDelete(toSequenceSet(uids), { uid: true });
    });
  }

  /** APPEND (drafts, sent copies). Returns the new UID when the server reports it. */
  async append(path: string, raw: Buffer, flags: string[] = [], date?: Date): Promise<{ uid?: number; uidValidity?: bigint }> {
    return this.withClient(async (client) => {
      const result = await client.append(path, raw, flags, date);
      if (result === false) throw Object.assign(new Error(`Saving the message to "${path}" failed`), { code: 'AppendFailed' });
      return { uid: result.uid, uidValidity: result.uidValidity };
    });
  }

  private inFolder<T>(path: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      const lock = await client.getMailboxLock(path, { description: 'pmsync task' });
      try {
        return await fn(client);
      } finally {
        lock.release();
      }
    });
  }
}
